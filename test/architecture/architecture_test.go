// Package architecture checks the rules of the architecture that the compiler does not:
// internal/auth0 is the one door to the Management API, so no other package keeps a rate
// limiter or builds a Management API client of its own.
package architecture

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io"
	"os/exec"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

const (
	module     = "github.com/a0ops/auth0-operator"
	door       = module + "/internal/auth0"
	ratePkg    = "golang.org/x/time/rate"
	management = "github.com/auth0/go-auth0/v3/management"
)

// builders are go-auth0's constructors of a Management API client: the whole API's
// (management/client.New and NewWithOptions) and each resource's (management/.../NewClient).
var builders = map[string]bool{"New": true, "NewWithOptions": true, "NewClient": true}

// simulatorTests may build a client: the simulator's own tests drive it with the SDK as
// Auth0's users do, to prove it answers the SDK; they reach no tenant, so there is no budget
// to keep, and going through internal/auth0 would test the operator's limiter instead.
const simulatorTests = module + "/internal/auth0sim"

// violations are the rules the Go source src (file name in package pkg) breaks.
func violations(pkg, name string, src any) ([]string, error) {
	f, err := parser.ParseFile(token.NewFileSet(), name, src, parser.SkipObjectResolution)
	if err != nil {
		return nil, err
	}
	var out []string
	where := pkg + "/" + filepath.Base(name)
	mayBuild := pkg == door || (pkg == simulatorTests && strings.HasSuffix(name, "_test.go"))
	local := map[string]string{} // local name -> import path of a go-auth0 management package
	for _, imp := range f.Imports {
		p, _ := strconv.Unquote(imp.Path.Value)
		if p == ratePkg && pkg != door {
			out = append(out, where+" imports "+ratePkg+": rate limits belong to internal/auth0")
		}
		if mayBuild || (p != management && !strings.HasPrefix(p, management+"/")) {
			continue
		}
		n := path.Base(p)
		if imp.Name != nil {
			n = imp.Name.Name
		}
		if n == "." {
			out = append(out, where+" dot-imports "+p+": its client constructors could not be told apart")
		}
		local[n] = p
	}
	ast.Inspect(f, func(node ast.Node) bool {
		sel, ok := node.(*ast.SelectorExpr)
		if !ok || !builders[sel.Sel.Name] {
			return true
		}
		if x, ok := sel.X.(*ast.Ident); ok && local[x.Name] != "" {
			out = append(out, fmt.Sprintf("%s uses %s.%s: only internal/auth0 builds a Management API client", where, local[x.Name], sel.Sel.Name))
		}
		return true
	})
	return out, nil
}

func TestRulesCatchViolations(t *testing.T) {
	const ext = module + "/internal/external"
	cases := []struct {
		name, pkg, file, src string
		want                 []string
	}{
		{"a limiter outside the door", ext, "x.go", `package x; import "golang.org/x/time/rate"; var _ rate.Limit`,
			[]string{ext + "/x.go imports golang.org/x/time/rate: rate limits belong to internal/auth0"}},
		{"a limiter in the door", door, "limiter.go", `package auth0; import "golang.org/x/time/rate"; var _ rate.Limit`, nil},
		{"a limiter in the door's tests", door, "limiter_test.go", `package auth0; import "golang.org/x/time/rate"; var _ rate.Limit`, nil},
		{"the SDK's client type outside the door", ext, "x.go", `package x; import mgmt "github.com/auth0/go-auth0/v3/management/client"; var _ *mgmt.Management`, nil},
		{"a client built outside the door", ext, "x.go", `package x; import mgmt "github.com/auth0/go-auth0/v3/management/client"; var _ = mgmt.NewWithOptions()`,
			[]string{ext + "/x.go uses github.com/auth0/go-auth0/v3/management/client.NewWithOptions: only internal/auth0 builds a Management API client"}},
		{"the constructor taken as a value", ext, "x.go", `package x; import "github.com/auth0/go-auth0/v3/management/client"; var f = client.New`,
			[]string{ext + "/x.go uses github.com/auth0/go-auth0/v3/management/client.New: only internal/auth0 builds a Management API client"}},
		{"a resource's client built outside the door", ext, "x.go", `package x; import "github.com/auth0/go-auth0/v3/management/roles"; var _ = roles.NewClient(nil)`,
			[]string{ext + "/x.go uses github.com/auth0/go-auth0/v3/management/roles.NewClient: only internal/auth0 builds a Management API client"}},
		{"a dot import", ext, "x.go", `package x; import . "github.com/auth0/go-auth0/v3/management/client"; var _ = NewWithOptions()`,
			[]string{ext + "/x.go dot-imports github.com/auth0/go-auth0/v3/management/client: its client constructors could not be told apart"}},
		{"another package's New", ext, "x.go", `package x; import "sigs.k8s.io/controller-runtime/pkg/client"; var _ = client.New`, nil},
		{"a client built in the door", door, "pool.go", `package auth0; import mgmt "github.com/auth0/go-auth0/v3/management/client"; var _ = mgmt.NewWithOptions()`, nil},
		{"the simulator's tests", simulatorTests, "helpers_test.go", `package auth0sim; import "github.com/auth0/go-auth0/v3/management/client"; var _ = client.NewWithOptions()`, nil},
		{"the simulator itself", simulatorTests, "server.go", `package auth0sim; import "github.com/auth0/go-auth0/v3/management/client"; var _ = client.NewWithOptions()`,
			[]string{simulatorTests + "/server.go uses github.com/auth0/go-auth0/v3/management/client.NewWithOptions: only internal/auth0 builds a Management API client"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := violations(tc.pkg, tc.file, tc.src)
			if err != nil {
				t.Fatal(err)
			}
			if d := cmp.Diff(tc.want, got); d != "" {
				t.Errorf("violations (-want +got):\n%s", d)
			}
		})
	}
}

// Every Go file of the module, tests and files for other build tags included, keeps to the
// rules.
func TestOnlyInternalAuth0TalksToTheManagementAPI(t *testing.T) {
	var stderr bytes.Buffer
	cmd := exec.Command("go", "list", "-e", "-json", module+"/...")
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, stderr.String())
	}
	dec := json.NewDecoder(bytes.NewReader(out))
	files := 0
	for {
		var p struct {
			ImportPath, Dir                                              string
			GoFiles, CgoFiles, TestGoFiles, XTestGoFiles, IgnoredGoFiles []string
		}
		if err := dec.Decode(&p); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			t.Fatal(err)
		}
		for _, group := range [][]string{p.GoFiles, p.CgoFiles, p.TestGoFiles, p.XTestGoFiles, p.IgnoredGoFiles} {
			for _, name := range group {
				files++
				v, err := violations(p.ImportPath, filepath.Join(p.Dir, name), nil)
				if err != nil {
					t.Fatal(err)
				}
				for _, s := range v {
					t.Error(s)
				}
			}
		}
	}
	t.Logf("%d files checked", files)
	if files < 100 {
		t.Fatalf("checked only %d files: go list did not list the module", files)
	}
}
