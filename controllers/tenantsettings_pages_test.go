package controllers_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/a0ops/auth0-operator/api/v1alpha1"
	"github.com/a0ops/auth0-operator/internal/auth0sim"
)

// The classic pages' HTML comes from ConfigMaps: written, a ConfigMap change is an update (no
// DriftDetected), and a dashboard edit of the page is drift, put back.
func TestTenantSettingsClassicPagesFromConfigMaps(t *testing.T) {
	f := newFixture(t, fixtureOptions{DriftInterval: 2 * time.Second})
	cm := &corev1.ConfigMap{ObjectMeta: metav1.ObjectMeta{Name: "classic-pages", Namespace: f.ns},
		Data: map[string]string{"mfa.html": "<html>mfa v1</html>"}}
	f.create(cm)
	ts := &v1alpha1.TenantSettings{ObjectMeta: metav1.ObjectMeta{Name: "pages", Namespace: f.ns},
		Spec: v1alpha1.TenantSettingsSpec{ManagedSpec: f.ref(), GuardianMFAPage: &v1alpha1.TenantClassicPage{Enabled: valPtr(true),
			HTML: &v1alpha1.TextSource{ConfigMapKeyRef: &v1alpha1.ConfigMapKeySelector{Name: "classic-pages", Key: "mfa.html"}}}}}
	f.create(ts)
	f.waitReady(ts)
	page := func() any {
		p, _ := tenantSettings(f)["guardian_mfa_page"].(map[string]any)
		return p["html"]
	}
	if page() != "<html>mfa v1</html>" {
		t.Fatalf("guardian_mfa_page in Auth0: %v", tenantSettings(f)["guardian_mfa_page"])
	}

	f.update(cm, func() { cm.Data["mfa.html"] = "<html>mfa v2</html>" })
	f.eventually(func() (bool, string) { return page() == "<html>mfa v2</html>", fmt.Sprintf("html = %v", page()) })
	if strings.Contains(strings.Join(f.events(), "\n"), "DriftDetected") {
		t.Errorf("a ConfigMap change was reported as drift: %v", f.events())
	}

	f.sim.PatchObject("tenants", "settings", auth0sim.Object{"guardian_mfa_page": map[string]any{"enabled": true, "html": "<html>edited</html>"}})
	if note := f.waitEvent("pages", "DriftDetected"); !strings.Contains(note, "guardian_mfa_page.html") {
		t.Errorf("DriftDetected note %q", note)
	}
	f.eventually(func() (bool, string) { return page() == "<html>mfa v2</html>", fmt.Sprintf("html = %v", page()) })
}
