package auth0sim

import (
	"fmt"
	"math/rand/v2"
	"net/http"
)

// Log streams: /api/v2/log-streams. Shapes follow TestAccLogStream*:
//
//   - POST answers 200 (not 201) with status "active"; ids are "lst_" and
//     16 digits.
//   - sink credentials are returned as given (datadogApiKey,
//     httpAuthorization, splunkToken, segmentWriteKey all come back in the
//     recordings), so the simulator hides none of them.
//   - http and datadog streams get "isPriority": false; an eventbridge sink
//     gets awsPartnerEventSource, an eventgrid sink azurePartnerTopic.
//   - pii_config gets method "hash" and algorithm "xxhash" by default; a
//     PATCH that carries no pii_config removes it, and empty filters are
//     not shown (both as the recordings show).
//   - status is active, paused or suspended; only Auth0 suspends a stream
//     (SuspendLogStream / POST /_sim/log-streams/{id}/suspend here), a PATCH
//     to "active" resumes it.
//   - the list is a bare array (Auth0 does not page it); type is create-only.

const logStreamsColl = "log-streams"

var logStreamTypes = []string{"http", "eventbridge", "eventgrid", "datadog", "splunk", "sumo", "segment", "mixpanel"}

func init() {
	registerFamily(Family{
		Name:        "log-streams",
		Register:    registerLogStreams,
		Collections: []Collection{{Name: logStreamsColl, Create: createLogStream}},
	})
}

func registerLogStreams(s *Server) {
	read := []string{"read:log_streams"}
	s.Handle(Route{Pattern: "GET /api/v2/log-streams", Scopes: read, Handler: s.listLogStreams})
	s.Handle(Route{Pattern: "POST /api/v2/log-streams", Scopes: []string{"create:log_streams"}, Handler: s.postLogStream})
	s.Handle(Route{Pattern: "GET /api/v2/log-streams/{id}", Scopes: read, Handler: s.getLogStream})
	s.Handle(Route{Pattern: "PATCH /api/v2/log-streams/{id}", Scopes: []string{"update:log_streams"}, Handler: s.patchLogStream})
	s.Handle(Route{Pattern: "DELETE /api/v2/log-streams/{id}", Scopes: []string{"delete:log_streams"}, Handler: s.deleteLogStream})
	s.HandleAdmin("POST /_sim/log-streams/{id}/suspend", s.adminSuspendLogStream)
}

func errNoLogStream() *APIError {
	return errNotFound("The log stream does not exist", "inexistent_log_stream")
}

func newLogStreamID(tx *Tx) string {
	for {
		id := fmt.Sprintf("lst_%016d", rand.IntN(100000000))
		if _, taken := tx.Get(logStreamsColl, id); !taken {
			return id
		}
	}
}

// normalizeLogStream applies the server side of a write: pii_config
// defaults and no empty filters.
func normalizeLogStream(ls Object) {
	if pii, ok := ls["pii_config"].(map[string]any); ok {
		applyDefaults(pii, Object{"method": "hash", "algorithm": "xxhash"})
	}
	if f, ok := ls["filters"].([]any); ok && len(f) == 0 {
		delete(ls, "filters")
	}
}

func checkLogStreamStatus(body Object) *APIError {
	if v, ok := body["status"]; ok && v != "active" && v != "paused" {
		return errInvalidBody("Payload validation error: 'No enum match for: \"" + fmt.Sprint(v) + "\"' on property status (The status of the log stream. Possible values: `active`, `paused`, `suspended`).")
	}
	return nil
}

func createLogStream(s *Server, tx *Tx, body Object) (Object, *APIError) {
	typ := str(body, "type")
	if typ == "" {
		return nil, errInvalidBody("Payload validation error: 'Missing required property: type'.")
	}
	if !contains(logStreamTypes, typ) {
		return nil, errInvalidBody("Payload validation error: 'No enum match for: \"" + typ + "\"' on property type.")
	}
	sink, ok := body["sink"].(map[string]any)
	if !ok {
		return nil, errInvalidBody("Payload validation error: 'Missing required property: sink'.")
	}
	if aerr := checkLogStreamStatus(body); aerr != nil {
		return nil, aerr
	}
	ls := deepCopy(body)
	delete(ls, "startFrom")
	ls["id"] = newLogStreamID(tx)
	if str(ls, "name") == "" {
		ls["name"] = typ + "-" + str(ls, "id")
	}
	applyDefaults(ls, Object{"status": "active"})
	if typ == "http" || typ == "datadog" {
		applyDefaults(ls, Object{"isPriority": false})
	}
	sink = ls["sink"].(map[string]any)
	switch typ {
	case "eventbridge":
		sink["awsPartnerEventSource"] = "aws.partner/auth0.com/" + s.tenantName() + "-" + newUUID() + "/auth0.logs"
	case "eventgrid":
		sink["azurePartnerTopic"] = "auth0-logs-" + s.tenantName() + "-" + newUUID()
	}
	normalizeLogStream(ls)
	tx.Put(logStreamsColl, str(ls, "id"), ls)
	return ls, nil
}

func (s *Server) listLogStreams(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, s.Objects(logStreamsColl))
}

func (s *Server) getLogStream(w http.ResponseWriter, r *http.Request) {
	ls, ok := s.Object(logStreamsColl, r.PathValue("id"))
	if !ok {
		writeError(w, errNoLogStream())
		return
	}
	writeJSON(w, http.StatusOK, ls)
}

func (s *Server) postLogStream(w http.ResponseWriter, r *http.Request) {
	body, aerr := readObject(r)
	if aerr != nil {
		writeError(w, aerr)
		return
	}
	var ls Object
	_ = s.store.Update(func(tx *Tx) error { ls, aerr = createLogStream(s, tx, body); return nil })
	if aerr != nil {
		writeError(w, aerr)
		return
	}
	writeJSON(w, http.StatusOK, ls)
}

func (s *Server) patchLogStream(w http.ResponseWriter, r *http.Request) {
	patch, aerr := readObject(r)
	if aerr == nil {
		aerr = checkLogStreamStatus(patch)
	}
	if aerr != nil {
		writeError(w, aerr)
		return
	}
	id := r.PathValue("id")
	var ls Object
	var ok bool
	_ = s.store.Update(func(tx *Tx) error {
		if ls, ok = tx.Get(logStreamsColl, id); !ok {
			return nil
		}
		if _, has := patch["pii_config"]; !has {
			delete(ls, "pii_config")
		}
		for k, v := range patch {
			switch {
			case v == nil:
				delete(ls, k)
			case k == "sink":
				sink, _ := ls["sink"].(map[string]any)
				if sink == nil {
					sink = Object{}
				}
				if pm, isMap := v.(map[string]any); isMap {
					mergePatch(sink, pm)
				}
				ls["sink"] = sink
			default:
				ls[k] = copyValue(v)
			}
		}
		normalizeLogStream(ls)
		tx.Put(logStreamsColl, id, ls)
		return nil
	})
	if !ok {
		writeError(w, errNoLogStream())
		return
	}
	writeJSON(w, http.StatusOK, ls)
}

func (s *Server) deleteLogStream(w http.ResponseWriter, r *http.Request) {
	if !s.DeleteObject(logStreamsColl, r.PathValue("id")) {
		writeError(w, errNoLogStream())
		return
	}
	writeNoContent(w)
}

// SuspendLogStream marks a stream "suspended", as Auth0 does when its sink
// keeps failing. It reports whether the stream exists.
func (s *Server) SuspendLogStream(id string) bool {
	_, ok := s.PatchObject(logStreamsColl, id, Object{"status": "suspended"})
	return ok
}

func (s *Server) adminSuspendLogStream(w http.ResponseWriter, r *http.Request) {
	if !s.SuspendLogStream(r.PathValue("id")) {
		writeError(w, errNoLogStream())
		return
	}
	ls, _ := s.Object(logStreamsColl, r.PathValue("id"))
	writeJSON(w, http.StatusOK, ls)
}
