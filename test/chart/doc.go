// Package chart tests the Helm chart in charts/auth0-operator: that it lints, renders for its
// default and example values, is accepted by a real API server (server-side dry-run on envtest),
// grants what the generated RBAC rules say and no more, and that its copies of the generated
// CRDs, RBAC rules, alert rules and dashboard are up to date. It holds tests only.
package chart
