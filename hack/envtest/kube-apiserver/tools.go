//go:build tools

// Package tools records the kube-apiserver this module builds for envtest.
package tools

import _ "k8s.io/kubernetes/cmd/kube-apiserver"
