package plan

import (
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime"
	utilyaml "k8s.io/apimachinery/pkg/util/yaml"
)

// Read reads the manifests at path: a file, a directory (recursively, its *.yaml and *.yml
// files, in name order) or "-" for stdin; each may hold several YAML documents. A directory
// with a kustomization is refused: it must be rendered first.
func Read(path string, stdin io.Reader) ([]*unstructured.Unstructured, error) {
	if path == "-" {
		return decode("stdin", stdin)
	}
	st, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if !st.IsDir() {
		return readFile(path)
	}
	var files []string
	err = filepath.WalkDir(path, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		switch name := d.Name(); {
		case d.IsDir():
			return nil
		case name == "kustomization.yaml" || name == "kustomization.yml" || name == "Kustomization":
			return fmt.Errorf("%s is a kustomization: render it first, with `kustomize build %s | auth0-operator plan -f -` "+
				"(or `kubectl kustomize %s | auth0-operator plan -f -`)", p, filepath.Dir(p), filepath.Dir(p))
		case strings.HasSuffix(name, ".yaml") || strings.HasSuffix(name, ".yml"):
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	sort.Strings(files)
	var out []*unstructured.Unstructured
	for _, f := range files {
		objs, err := readFile(f)
		if err != nil {
			return nil, err
		}
		out = append(out, objs...)
	}
	return out, nil
}

func readFile(path string) ([]*unstructured.Unstructured, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return decode(path, bytes.NewReader(b))
}

// decode splits a YAML (or JSON) stream into objects; a List's items count one by one.
func decode(name string, r io.Reader) ([]*unstructured.Unstructured, error) {
	var out []*unstructured.Unstructured
	d := utilyaml.NewYAMLOrJSONDecoder(r, 4096)
	for i := 1; ; i++ {
		u := &unstructured.Unstructured{}
		if err := d.Decode(&u.Object); err == io.EOF {
			return out, nil
		} else if err != nil {
			// The decoder's message may quote the document: it may hold a Secret value.
			return nil, fmt.Errorf("%s: document %d is not valid YAML", name, i)
		}
		if len(u.Object) == 0 {
			continue
		}
		if u.GetKind() == "" || u.GetAPIVersion() == "" {
			return nil, fmt.Errorf("%s: document %d has no kind or apiVersion", name, i)
		}
		if u.IsList() {
			err := u.EachListItem(func(o runtime.Object) error {
				out = append(out, o.(*unstructured.Unstructured))
				return nil
			})
			if err != nil {
				return nil, fmt.Errorf("%s: document %d: %w", name, i, err)
			}
			continue
		}
		out = append(out, u)
	}
}
