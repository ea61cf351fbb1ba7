package stack

import (
	"bytes"
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"time"
)

// TenantManifest is a namespace, a credentials Secret and a ClusterTenant named name that point
// at the simulator, trusting its certificate.
// rateLimit is a YAML flow map ("" for Enterprise production's 16/s, burst 50, share 50%).
func (s *Stack) TenantManifest(name, rateLimit string, driftInterval time.Duration) (string, error) {
	ca, err := os.ReadFile(s.SimCAFile)
	if err != nil {
		return "", err
	}
	if rateLimit == "" {
		rateLimit = "{requestsPerSecond: 16, burst: 50, budgetShare: 50}"
	}
	var b strings.Builder
	fmt.Fprintf(&b, `apiVersion: v1
kind: Namespace
metadata: {name: auth0-system}
---
apiVersion: v1
kind: Secret
metadata: {name: %[1]s-credentials, namespace: auth0-system}
stringData: {clientID: %[2]q, clientSecret: %[3]q}
---
apiVersion: auth0.a0ops.dev/v1alpha1
kind: ClusterTenant
metadata: {name: %[1]s}
spec:
  domain: %[4]s
  baseURL: %[5]s
  credentials:
    secretRef: {name: %[1]s-credentials, namespace: auth0-system}
  rateLimit: %[6]s
  driftInterval: %[7]s
  allowedNamespaces: {}
  namespacePolicies:
    - {namespaces: {}, kinds: ["*"], allowAdoption: true, allowTenantWide: true}
  caBundle: |
`, name, s.ClientID, s.ClientSecret, s.Domain, s.SimURL, rateLimit, driftInterval)
	for _, line := range strings.Split(strings.TrimSpace(string(ca)), "\n") {
		b.WriteString("    " + line + "\n")
	}
	return b.String(), nil
}

// Kubectl runs kubectl against the control plane and returns its standard output.
func (s *Stack) Kubectl(stdin string, args ...string) (string, error) {
	cmd := exec.Command("kubectl", append([]string{"--kubeconfig", s.Kubeconfig}, args...)...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if stdin != "" {
		cmd.Stdin = strings.NewReader(stdin)
	}
	if err := cmd.Run(); err != nil {
		return out.String(), fmt.Errorf("kubectl %s: %w: %s", strings.Join(args, " "), err, strings.TrimSpace(errb.String()))
	}
	return out.String(), nil
}

// ManagedKinds are the resource names of every managed kind, fully qualified (roles would
// otherwise be RBAC's), for kubectl get/wait.
const ManagedKinds = "applications.auth0.a0ops.dev,resourceservers.auth0.a0ops.dev,clientgrants.auth0.a0ops.dev," +
	"actions.auth0.a0ops.dev,triggerbindings.auth0.a0ops.dev,brandings.auth0.a0ops.dev,emailtemplates.auth0.a0ops.dev," +
	"prompttexts.auth0.a0ops.dev,emailproviders.auth0.a0ops.dev,logstreams.auth0.a0ops.dev,customdomains.auth0.a0ops.dev," +
	"connections.auth0.a0ops.dev,organizations.auth0.a0ops.dev,roles.auth0.a0ops.dev,tenantsettings.auth0.a0ops.dev," +
	"attackprotections.auth0.a0ops.dev,universallogins.auth0.a0ops.dev,multifactorauths.auth0.a0ops.dev," +
	"phoneproviders.auth0.a0ops.dev,phonetemplates.auth0.a0ops.dev,selfserviceprofiles.auth0.a0ops.dev"

// SimAdmin calls the simulator's admin API (under /_sim/) with a JSON body and returns the
// answer's body.
func (s *Stack) SimAdmin(method, path, body string) ([]byte, error) {
	ca, err := os.ReadFile(s.SimCAFile)
	if err != nil {
		return nil, err
	}
	pool := x509.NewCertPool()
	pool.AppendCertsFromPEM(ca)
	c := http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool}}}
	req, err := http.NewRequest(method, s.SimURL+path, strings.NewReader(body))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := c.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode >= 300 {
		return b, fmt.Errorf("%s %s: %d %s", method, path, resp.StatusCode, b)
	}
	return b, nil
}

func httpGet(url string) (int, error) {
	c := http.Client{Timeout: 2 * time.Second}
	resp, err := c.Get(url)
	if err != nil {
		return 0, err
	}
	resp.Body.Close()
	return resp.StatusCode, nil
}
