package plan

// Version is the version of the JSON schema (docs/plan.md). It changes only when a field
// changes meaning or goes away; new fields may be added within a version.
const Version = 1

// Action is what applying the manifests does to one object's Auth0 object.
type Action string

const (
	Create    Action = "create"    // no Auth0 object yet: the operator creates one
	Update    Action = "update"    // the Auth0 object differs from the spec: the operator writes Fields
	Adopt     Action = "adopt"     // an existing Auth0 object (spec.externalID, AdoptByName) comes under management
	Unchanged Action = "unchanged" // Auth0 already matches the spec
	Conflict  Action = "conflict"  // another object owns it, or the tenant's policy refuses it
	Invalid   Action = "invalid"   // the API server (dry run) or the kind refuses the spec
	Delete    Action = "delete"    // pruned: deleting the object deletes its Auth0 object
	Orphan    Action = "orphan"    // pruned: deleting the object leaves its Auth0 object in place
)

// Actions in the order they are shown.
var Actions = []Action{Create, Update, Adopt, Delete, Orphan, Conflict, Invalid, Unchanged}

// Plan is what applying a set of manifests would do.
type Plan struct {
	Version int `json:"version"`
	// Objects are the managed objects of the manifests, in the manifests' order.
	Objects []Entry `json:"objects"`
	// Prune are the managed objects of --prune-scope that the manifests no longer hold.
	Prune []Entry `json:"prune,omitempty"`
	// Skipped counts the manifests' objects that are not managed kinds, by kind.
	Skipped map[string]int `json:"skipped,omitempty"`
	// Summary counts Objects and Prune by action.
	Summary map[Action]int `json:"summary"`
	// Calls is the number of Management API calls the plan made (all reads).
	Calls int64 `json:"calls"`
	// Notes say what the plan could not know (a Secret it could not read, no cluster).
	Notes []string `json:"notes,omitempty"`
}

// Entry is what happens to one object.
type Entry struct {
	Kind      string `json:"kind"`
	Namespace string `json:"namespace"`
	Name      string `json:"name"`
	// Tenant is the tenant the object references, "Kind/name".
	Tenant string `json:"tenant"`
	Action Action `json:"action"`
	// ID is the Auth0 object's ID, when there is one.
	ID string `json:"id,omitempty"`
	// Fields are the fields an update (or an adoption) writes, in Auth0's names.
	Fields []Field `json:"fields,omitempty"`
	// Acts are writes besides the fields (rotating a client secret).
	Acts []string `json:"acts,omitempty"`
	// Message explains a create that waits for another object, a conflict, a refusal.
	Message string `json:"message,omitempty"`
}

// Field is one field that changes. When Note is empty, Before is Auth0's value and After the
// spec's (null: not set); otherwise the values are not shown and Note says why: "changes"
// (a value taken from a Secret, or one the kind does not report) or "from Secret ns/name"
// (a Secret the plan could not read).
type Field struct {
	Path   string `json:"path"`
	Before any    `json:"before"`
	After  any    `json:"after"`
	Note   string `json:"note,omitempty"`
}

// Changes tells whether applying changes anything: an object to create, update, adopt,
// delete or orphan.
func (p *Plan) Changes() bool {
	for _, a := range []Action{Create, Update, Adopt, Delete, Orphan} {
		if p.Summary[a] > 0 {
			return true
		}
	}
	return false
}

// Refused tells whether some object cannot be applied as it is (conflict, invalid).
func (p *Plan) Refused() bool { return p.Summary[Conflict]+p.Summary[Invalid] > 0 }

func (p *Plan) count() {
	p.Summary = map[Action]int{}
	for _, es := range [][]Entry{p.Objects, p.Prune} {
		for _, e := range es {
			p.Summary[e.Action]++
		}
	}
}
