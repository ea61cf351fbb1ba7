package auth0sim

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"sort"
	"sync"
)

// Family is one resource family of the Management API, served by one file
// (clients.go, client_grants.go, ...). The file registers it from init():
//
//	func init() {
//		registerFamily(Family{Name: "clients", Register: registerClients,
//			Collections: []Collection{{Name: "clients", IDKey: "client_id", Create: createClient}}})
//	}
type Family struct {
	// Name is for messages only.
	Name string
	// Register adds the family's routes with s.Handle (and admin switches
	// with s.HandleAdmin).
	Register func(s *Server)
	// Collections are the store collections the family owns.
	Collections []Collection
}

// Collection describes one store collection for the admin API and the
// families that touch it.
type Collection struct {
	// Name is the Management API path segment: "clients", "client-grants"...
	Name string
	// IDKey is the field holding the object's id ("id" when empty).
	IDKey string
	// Create builds a new object from a request body with every server-side
	// default, stores it in tx and returns it (stored form). The API's POST
	// and the admin API's POST /_sim/objects/{collection} both call it.
	// Without it the admin POST stores the body as given (id generated if
	// missing).
	Create func(s *Server, tx *Tx, body Object) (Object, *APIError)
	// OnDelete, if set, runs in the same transaction after an object is
	// deleted by the API or the admin API (e.g. a client's grants go too).
	OnDelete func(s *Server, tx *Tx, deleted Object)
}

func (c Collection) idKey() string {
	if c.IDKey == "" {
		return "id"
	}
	return c.IDKey
}

var (
	familiesMu sync.Mutex
	families   []Family
)

// registerFamily adds a family to every Server built afterwards. Call it only
// from init(); the list is read-only once main starts.
func registerFamily(f Family) {
	familiesMu.Lock()
	defer familiesMu.Unlock()
	families = append(families, f)
}

func registeredFamilies() []Family {
	familiesMu.Lock()
	defer familiesMu.Unlock()
	out := append([]Family(nil), families...)
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// readObject decodes a JSON object request body. A body over 1 MB answers
// 413; one that is not a JSON object answers Auth0's 400.
func readObject(r *http.Request) (Object, *APIError) {
	data, err := io.ReadAll(r.Body)
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return nil, NewAPIError(http.StatusRequestEntityTooLarge, "Payload content length greater than maximum allowed: 1048576", "")
		}
		return nil, errInvalidBody("Could not read request body")
	}
	if len(data) == 0 {
		return Object{}, nil
	}
	var obj Object
	if err := json.Unmarshal(data, &obj); err != nil || obj == nil {
		return nil, NewAPIError(http.StatusBadRequest, "Invalid request payload JSON format", "")
	}
	return obj, nil
}

// deleteObject deletes an object and runs its collection's OnDelete hook.
func (s *Server) deleteObject(tx *Tx, collection, id string) bool {
	obj, ok := tx.Get(collection, id)
	if !ok {
		return false
	}
	tx.Delete(collection, id)
	if c, ok := s.collections[collection]; ok && c.OnDelete != nil {
		c.OnDelete(s, tx, obj)
	}
	return true
}

// createObject creates an object through its collection's Create (server
// defaults), or stores body as given with an id.
func (s *Server) createObject(tx *Tx, collection string, body Object) (Object, *APIError) {
	c, ok := s.collections[collection]
	if ok && c.Create != nil {
		return c.Create(s, tx, body)
	}
	key := c.idKey()
	if !ok {
		key = "id"
	}
	id := str(body, key)
	if id == "" {
		id = newObjectID()
		body[key] = id
	}
	tx.Put(collection, id, body)
	return body, nil
}
