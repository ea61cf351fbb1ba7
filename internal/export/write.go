package export

import (
	"bytes"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime"
	"sigs.k8s.io/yaml"
)

// Manifest is obj as YAML, without the fields a manifest does not carry (status, the
// creation timestamp).
func Manifest(obj runtime.Object) ([]byte, error) {
	u, err := toUnstructured(obj)
	if err != nil {
		return nil, err
	}
	return yaml.Marshal(u.Object)
}

func toUnstructured(obj runtime.Object) (*unstructured.Unstructured, error) {
	m, err := runtime.DefaultUnstructuredConverter.ToUnstructured(obj)
	if err != nil {
		return nil, err
	}
	delete(m, "status")
	if md, ok := m["metadata"].(map[string]any); ok {
		delete(md, "creationTimestamp")
	}
	return &unstructured.Unstructured{Object: m}, nil
}

// plural is the directory of a kind's files.
func plural(kind string) string {
	k := strings.ToLower(kind)
	switch {
	case strings.HasSuffix(k, "settings"):
		return k
	case strings.HasSuffix(k, "y") && !strings.HasSuffix(k, "ey"):
		return k[:len(k)-1] + "ies"
	case strings.HasSuffix(k, "s"):
		return k + "es"
	}
	return k + "s"
}

// file is where an object goes in a directory export.
func (o Object) file() string {
	return filepath.ToSlash(filepath.Join(plural(o.Kind), o.Object.GetName()+".yaml"))
}

func (o Object) secretFile() string {
	return filepath.ToSlash(filepath.Join("secrets", o.Secret.Name+".yaml"))
}

func (o Object) header() string {
	id := o.ID
	if id == "" {
		id = "the tenant's"
	}
	return fmt.Sprintf("# Auth0 %s %q (%s), exported by auth0-operator export.\n", o.Kind, o.Name, id)
}

// secretKeys are the keys of o's Secret, sorted.
func (o Object) secretKeys() []string {
	return slices.Sorted(maps.Keys(o.SecretHints))
}

// secretManifest is the skeleton Secret of o, with what each key should hold.
func (o Object) secretManifest() ([]byte, error) {
	var b bytes.Buffer
	fmt.Fprintf(&b, "# Values for the secret fields of %s %s: fill in what Auth0 holds, then create this\n", o.Kind, o.Object.GetName())
	b.WriteString("# Secret (kubectl apply -f, or your secret manager). The object waits for it; nothing is\n")
	b.WriteString("# sent to Auth0 before it exists. A value Auth0 never returns is taken as Auth0's when the\n")
	b.WriteString("# object is adopted and sent only when it changes later; one Auth0 shows (a log stream's)\n")
	b.WriteString("# is compared, and written if it differs.\n")
	for _, k := range o.secretKeys() {
		fmt.Fprintf(&b, "#   %s: %s\n", k, o.SecretHints[k])
	}
	m, err := Manifest(o.Secret)
	if err != nil {
		return nil, err
	}
	b.Write(m)
	return b.Bytes(), nil
}

// WriteDir writes one file per object under dir, grouped by kind (applications/web.yaml),
// the skeleton Secrets under dir/secrets, and dir/kustomization.yaml, which lists the objects
// (and, in comments, the Secrets to create). It refuses a dir that already holds files.
func (r *Result) WriteDir(dir, source string) error {
	if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 {
		return fmt.Errorf("export: %s is not empty; choose a new directory", dir)
	}
	var resources, secrets []string
	write := func(name string, data []byte) error {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		return os.WriteFile(p, data, 0o644)
	}
	for _, o := range r.Objects {
		m, err := Manifest(o.Object)
		if err != nil {
			return err
		}
		if err := write(o.file(), append([]byte(o.header()), m...)); err != nil {
			return err
		}
		resources = append(resources, o.file())
		if o.Secret != nil {
			s, err := o.secretManifest()
			if err != nil {
				return err
			}
			if err := write(o.secretFile(), s); err != nil {
				return err
			}
			secrets = append(secrets, o.secretFile())
		}
	}
	sort.Strings(resources)
	sort.Strings(secrets)
	var k bytes.Buffer
	fmt.Fprintf(&k, "# Exported from %s by auth0-operator export. Applying it adopts every object in place\n", source)
	k.WriteString("# (spec.externalID): nothing is created, and the operator writes nothing until a spec changes.\n")
	k.WriteString("apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n")
	for _, f := range resources {
		fmt.Fprintf(&k, "- %s\n", f)
	}
	if len(secrets) > 0 {
		k.WriteString("# Secrets the objects read secret values from. Fill in each skeleton and create it (or add\n")
		k.WriteString("# it above); they are left out so that an empty value is never applied:\n")
		for _, f := range secrets {
			fmt.Fprintf(&k, "# - %s\n", f)
		}
	}
	return write("kustomization.yaml", k.Bytes())
}

// WriteStream writes every object to w as one YAML stream; the Secrets to create are listed
// in a closing comment.
func (r *Result) WriteStream(w io.Writer) error {
	var missing []string
	for i, o := range r.Objects {
		m, err := Manifest(o.Object)
		if err != nil {
			return err
		}
		if i > 0 {
			if _, err := io.WriteString(w, "---\n"); err != nil {
				return err
			}
		}
		if _, err := io.WriteString(w, o.header()+string(m)); err != nil {
			return err
		}
		if o.Secret != nil {
			missing = append(missing, fmt.Sprintf("%s (keys %s) for %s %s", o.Secret.Name, strings.Join(o.secretKeys(), ", "), o.Kind, o.Object.GetName()))
		}
	}
	if len(missing) > 0 {
		if _, err := io.WriteString(w, "# Secrets to create before these objects can become Ready:\n"); err != nil {
			return err
		}
		for _, m := range missing {
			if _, err := fmt.Fprintf(w, "#   %s\n", m); err != nil {
				return err
			}
		}
	}
	return nil
}
