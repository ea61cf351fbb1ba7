package plan

import (
	"context"
	"sort"

	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/a0ops/auth0-operator/api/v1alpha1"
	"github.com/a0ops/auth0-operator/internal/external"
	"github.com/a0ops/auth0-operator/internal/reconcile"
)

// kind is one managed kind as the plan runs it: the same External, the same flags as its
// controller (controllers/*_controller.go) gives the reconciler.
type kind interface {
	name() string
	// decide plans one object of the kind, given as the manifests hold it.
	decide(ctx context.Context, t *tenant, u *unstructured.Unstructured) (Entry, error)
	// deletes tells whether deleting the cluster's object u deletes its Auth0 object.
	deletes(u *unstructured.Unstructured) bool
}

type kindDef[O reconcile.Object] struct {
	kind      string
	new       func() O
	ext       reconcile.External[O]
	singleton bool
	exclusive func(O) string
	// tenantWide kinds need a ClusterTenant's explicit grant (singletons and exclusive kinds too).
	tenantWide bool
}

func (k *kindDef[O]) name() string { return k.kind }

// typed converts u into the kind's Go type.
func (k *kindDef[O]) typed(u *unstructured.Unstructured) (O, error) {
	obj := k.new()
	err := runtime.DefaultUnstructuredConverter.FromUnstructuredWithValidation(u.Object, obj, true)
	return obj, err
}

func (k *kindDef[O]) deletes(u *unstructured.Unstructured) bool {
	obj, err := k.typed(u)
	if err != nil || k.singleton {
		return false // a singleton is never deleted: deleting its object stops management
	}
	return reconcile.DeletesInAuth0(obj)
}

// kinds are the managed kinds, by name, with their Externals reading through kube (the view).
func kinds(kube client.Client, rules reconcile.Options) map[string]kind {
	all := []kind{
		&kindDef[*v1alpha1.Application]{kind: "Application", new: func() *v1alpha1.Application { return &v1alpha1.Application{} },
			ext: external.NewApplication(kube)},
		&kindDef[*v1alpha1.ResourceServer]{kind: "ResourceServer", new: func() *v1alpha1.ResourceServer { return &v1alpha1.ResourceServer{} },
			ext: external.NewResourceServer(kube)},
		&kindDef[*v1alpha1.ClientGrant]{kind: "ClientGrant", new: func() *v1alpha1.ClientGrant { return &v1alpha1.ClientGrant{} },
			ext: external.NewClientGrant(kube)},
		&kindDef[*v1alpha1.Connection]{kind: "Connection", new: func() *v1alpha1.Connection { return &v1alpha1.Connection{} },
			ext: external.NewConnection(kube, kube)},
		&kindDef[*v1alpha1.Organization]{kind: "Organization", new: func() *v1alpha1.Organization { return &v1alpha1.Organization{} },
			ext: external.NewOrganization(kube)},
		&kindDef[*v1alpha1.SelfServiceProfile]{kind: "SelfServiceProfile", new: func() *v1alpha1.SelfServiceProfile { return &v1alpha1.SelfServiceProfile{} },
			ext: external.NewSelfServiceProfile()},
		&kindDef[*v1alpha1.Role]{kind: "Role", new: func() *v1alpha1.Role { return &v1alpha1.Role{} },
			ext: external.NewRole(kube)},
		&kindDef[*v1alpha1.Action]{kind: "Action", new: func() *v1alpha1.Action { return &v1alpha1.Action{} },
			ext: external.NewAction(kube)},
		&kindDef[*v1alpha1.TriggerBinding]{kind: "TriggerBinding", new: func() *v1alpha1.TriggerBinding { return &v1alpha1.TriggerBinding{} },
			ext: external.NewTriggerBinding(kube), exclusive: func(tb *v1alpha1.TriggerBinding) string { return tb.Spec.Trigger }},
		&kindDef[*v1alpha1.LogStream]{kind: "LogStream", new: func() *v1alpha1.LogStream { return &v1alpha1.LogStream{} },
			ext: external.NewLogStream(kube), tenantWide: true},
		&kindDef[*v1alpha1.CustomDomain]{kind: "CustomDomain", new: func() *v1alpha1.CustomDomain { return &v1alpha1.CustomDomain{} },
			ext: external.NewCustomDomain(kube, rules), tenantWide: true},
		&kindDef[*v1alpha1.Branding]{kind: "Branding", new: func() *v1alpha1.Branding { return &v1alpha1.Branding{} },
			ext: external.NewBranding(kube), singleton: true},
		&kindDef[*v1alpha1.EmailTemplate]{kind: "EmailTemplate", new: func() *v1alpha1.EmailTemplate { return &v1alpha1.EmailTemplate{} },
			ext: external.NewEmailTemplate(kube), exclusive: func(t *v1alpha1.EmailTemplate) string { return t.Spec.Template }},
		&kindDef[*v1alpha1.PromptText]{kind: "PromptText", new: func() *v1alpha1.PromptText { return &v1alpha1.PromptText{} },
			ext: external.NewPromptText(), exclusive: func(p *v1alpha1.PromptText) string { return p.Spec.Prompt + "/" + p.Spec.Language }},
		&kindDef[*v1alpha1.EmailProvider]{kind: "EmailProvider", new: func() *v1alpha1.EmailProvider { return &v1alpha1.EmailProvider{} },
			ext: external.NewEmailProvider(kube), singleton: true},
		&kindDef[*v1alpha1.TenantSettings]{kind: "TenantSettings", new: func() *v1alpha1.TenantSettings { return &v1alpha1.TenantSettings{} },
			ext: external.NewTenantSettings(kube), singleton: true},
		&kindDef[*v1alpha1.UniversalLogin]{kind: "UniversalLogin", new: func() *v1alpha1.UniversalLogin { return &v1alpha1.UniversalLogin{} },
			ext: external.NewUniversalLogin(kube), singleton: true},
		&kindDef[*v1alpha1.AttackProtection]{kind: "AttackProtection", new: func() *v1alpha1.AttackProtection { return &v1alpha1.AttackProtection{} },
			ext: external.NewAttackProtection(kube), singleton: true},
		&kindDef[*v1alpha1.MultiFactorAuth]{kind: "MultiFactorAuth", new: func() *v1alpha1.MultiFactorAuth { return &v1alpha1.MultiFactorAuth{} },
			ext: external.NewMultiFactorAuth(kube), singleton: true},
		&kindDef[*v1alpha1.PhoneProvider]{kind: "PhoneProvider", new: func() *v1alpha1.PhoneProvider { return &v1alpha1.PhoneProvider{} },
			ext: external.NewPhoneProvider(kube), exclusive: func(*v1alpha1.PhoneProvider) string { return "" }},
		&kindDef[*v1alpha1.PhoneTemplate]{kind: "PhoneTemplate", new: func() *v1alpha1.PhoneTemplate { return &v1alpha1.PhoneTemplate{} },
			ext: external.NewPhoneTemplate(kube), exclusive: func(t *v1alpha1.PhoneTemplate) string { return t.Spec.Type }},
	}
	out := map[string]kind{}
	for _, k := range all {
		out[k.name()] = k
	}
	return out
}

// Kinds are the kinds a plan knows, sorted.
func Kinds() []string {
	var out []string
	for n := range kinds(nil, reconcile.Options{}) {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}
