// Package auth0sim simulates one Auth0 tenant's Management API closely
// enough that the operator cannot tell it from the real one where it
// matters: server-side defaults, status codes and error bodies as the
// recordings in ../shared/auth0-recordings show them, client-credentials
// tokens with scopes, Auth0's rate limiting and headers, and injectable
// faults. cmd/auth0-sim runs it as a process.
//
// # Starting one
//
//	sim := auth0sim.NewServer(t, auth0sim.Options{Profile: "free", TLS: true})
//	mgmt := client.NewWithOptions(
//		option.WithBaseURL(sim.URL()+"/api/v2"),
//		option.WithHTTPClient(sim.HTTPClient()),
//		option.WithClientCredentialsAndAudience(ctx, sim.ClientID(), sim.ClientSecret(), sim.Audience()))
//
// New builds a Server without listening (it is an http.Handler); Start
// listens on Options.Addr. Tests drive time with a FakeClock in
// Options.Clock, read counters with Stats, act as a person in the dashboard
// with PatchObject / CreateObject / DeleteObject, and break things with
// SetFaults (AddCommitThenDrop arms a write that is committed and then loses
// its answer). The same is reachable over HTTP under /_sim/ (see admin.go).
//
// # Files
//
//	server.go    Options, Server, Start/NewServer, Route and the chain every
//	             /api/v2 call runs through (count, faults, rate limit, auth, scope)
//	store.go     Store: objects by collection and id, View/Update transactions
//	objects.go   JSON helpers: mergePatch, applyDefaults, selectFields,
//	             withoutKeys, str/boolean/stringList
//	validate.go  unknown properties refused as Auth0 refuses them, by the
//	             go-auth0 v3 request type request_bodies.go names per route
//	list.go      offset paging (parseListQuery + writeList) and checkpoint
//	             paging (isCheckpointQuery + writeCheckpointList)
//	errors.go    APIError and the helpers writeJSON, writeError, writeNoContent,
//	             errNotFound, errInvalidBody, errConflict
//	ids.go       newID(prefix, n), newClientID, newClientSecret, newObjectID
//	auth.go      /oauth/token, token minting and checking, tokenFrom(r)
//	ratelimit.go profiles, token buckets, x-ratelimit-* headers, 429
//	faults.go    Faults, ParseFault, fault injection
//	admin.go     the /_sim/ admin API
//	state.go     --state persistence
//	tenant.go    what a new tenant contains
//	family.go    Family, Collection, registerFamily, readObject
//	family_util.go  helpers of the families: publicView (hides the "_"
//	             bookkeeping keys), isoMillis/isoNanos, newUUID, readJSON
//	             (non-object bodies), queryInt, pageSlice
//	clients.go, client_grants.go, resource_servers.go, tenant_settings.go,
//	actions.go (actions, versions, triggers, bindings), branding.go
//	(settings, Universal Login template, themes), email_templates.go,
//	email_provider.go, prompts.go (settings, custom text), log_streams.go,
//	custom_domains.go, attack_protection.go, connections.go (and their
//	enabled clients), organizations.go (and their enabled connections),
//	roles.go (and their permissions): the resource families (one file each)
//	replay_test.go  replays ../shared/auth0-recordings against the simulator
//	             and lists the differences it allows, with the reasons
//
// Families' admin switches: POST /_sim/actions/{id}/build {"fail":true,
// "message":...} (SetActionBuildFailure; the failed draft then shows the
// message in "errors"), POST /_sim/log-streams/{id}/suspend
// (SuspendLogStream), POST /_sim/custom-domains/{id-or-domain}/dns
// {"ok":true} (SetCustomDomainDNS).
//
// # Adding a resource family
//
// A family is one file, internal/auth0sim/<family>.go, that touches no
// other file:
//
//  1. In init(), call registerFamily(Family{Name, Register, Collections}).
//     Collection.Name is the Management API path segment ("log-streams");
//     IDKey the id field (default "id"); Create builds an object with the
//     server-side defaults (the API's POST and the admin POST both call it);
//     OnDelete cascades (run by the API DELETE and the admin DELETE through
//     s.DeleteObject / s.deleteObject).
//  2. In Register, add each endpoint with s.Handle(Route{Pattern:
//     "GET /api/v2/log-streams/{id}", Scopes: []string{"read:log_streams"},
//     Bucket: "", Handler: h}). Scopes are any-of; the chain answers 401/403
//     and rate limits before h runs. Give Bucket (BucketEmailTemplatesWrite,
//     BucketCustomDomainVerify, or a new name that ProfileByName gives
//     numbers) when Auth0 has an endpoint limit there.
//  3. Name each write route's go-auth0 v3 request type in requestBodies
//     (request_bodies.go; nil for a route without a body): the chain
//     refuses properties that type does not name with Auth0's 400
//     "Additional properties not allowed" before the handler runs. In
//     handlers: body, aerr := readObject(r);
//     read with s.Object / s.store.View, write inside s.store.Update(func(tx
//     *Tx) error {...}) so check-then-write is atomic; mergePatch for PATCH;
//     applyDefaults on create; ids from newID("lst_", 16) etc.; answer with
//     writeJSON(w, 201|200, view), writeNoContent(w) for 204, or
//     writeError(w, errNotFound("...", "inexistent_...")). Lists:
//     lq, aerr := parseListQuery(r) then writeList(w, lq, ListPage{Key:
//     "log_streams", Items: items}) (or writeCheckpointList when Auth0 pages
//     that list with from/take). Hide write-only secrets in a view function:
//     the store keeps the truth, the API shows what Auth0 shows.
//  4. Singletons are stored under SingletonID ("settings") or their path's
//     last segment: "tenants"/"settings", "branding"/"settings",
//     "attack-protection"/"brute-force-protection". tenant.go already seeds
//     the Username-Password-Authentication connection ("connections"),
//     branding and the three attack-protection settings.
//  5. Admin switches (a custom domain's DNS being right, a log stream
//     suspended) are s.HandleAdmin("POST /_sim/custom-domains/{id}/dns", h)
//     in the family's file, plus a Go method on *Server for tests.
//  6. Time comes from s.clock.Now() (never time.Now), e.g. an action is
//     "built" once s.clock.Now() passes created_at + s.opts.ActionBuildDelay.
//
// Test the family with the go-auth0 v3 management client against
// NewServer, as clients_test.go does.
package auth0sim
