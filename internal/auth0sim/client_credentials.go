package auth0sim

import (
	"crypto"
	"crypto/sha256"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"encoding/pem"
	"net/http"
	"strings"
	"time"

	"github.com/lestrrat-go/jwx/v2/jwk"
)

// A client's credentials: /api/v2/clients/{id}/credentials[/{credential}],
// the keys and certificates it authenticates with (private_key_jwt, mTLS)
// and signs request objects with. Stored in credentialsColl with the client
// id and the PEM (auth.go checks client assertions against them). Shapes
// follow TestAccClientAuthenticationMethods*:
//
//   - POST answers 201 {id "cred_"+22, credential_type, name, created_at,
//     updated_at, ...}; the PEM is never answered.
//   - public_key: kid is the key's RFC 7638 JWK thumbprint, alg defaults
//     to RS256, expires_at is the certificate's notAfter when
//     parse_expiry_from_cert is true, else the given expires_at.
//   - x509_cert: thumbprint_sha256 (base64url SHA-256 of the certificate)
//     and the certificate's notAfter as expires_at.
//   - cert_subject_dn: subject_dn as given, or the certificate subject's
//     attributes one a line in the certificate's order
//     ("C=es\nST=Madrid\n...\nCN=...").
//   - PATCH changes expires_at only; DELETE answers 204.
//
// Not from a recording: the 404 body of an unknown credential.

func init() {
	registerFamily(Family{Name: "client-credentials", Register: registerClientCredentials})
}

func registerClientCredentials(s *Server) {
	s.Handle(Route{Pattern: "POST /api/v2/clients/{id}/credentials", Scopes: []string{"create:client_credentials"}, Handler: s.postClientCredential})
	s.Handle(Route{Pattern: "GET /api/v2/clients/{id}/credentials/{cred}", Scopes: []string{"read:client_credentials"}, Handler: s.getClientCredential})
	s.Handle(Route{Pattern: "PATCH /api/v2/clients/{id}/credentials/{cred}", Scopes: []string{"update:client_credentials"}, Handler: s.patchClientCredential})
	s.Handle(Route{Pattern: "DELETE /api/v2/clients/{id}/credentials/{cred}", Scopes: []string{"delete:client_credentials"}, Handler: s.deleteClientCredential})
}

func errNoCredential() *APIError {
	return errNotFound("The credential does not exist", "inexistent_credential")
}

func credentialView(c Object) Object {
	return withoutKeys(publicView(c), "client_id", "pem", "parse_expiry_from_cert")
}

// rdnNames are the short names Auth0 writes a subject's attributes with.
var rdnNames = map[string]string{"2.5.4.6": "C", "2.5.4.8": "ST", "2.5.4.7": "L", "2.5.4.10": "O", "2.5.4.11": "OU", "2.5.4.3": "CN"}

func subjectDN(name pkix.Name) string {
	var lines []string
	for _, rdn := range name.ToRDNSequence() {
		for _, atv := range rdn {
			short := rdnNames[atv.Type.String()]
			if short == "" {
				short = atv.Type.String()
			}
			lines = append(lines, short+"="+strings.TrimSpace(toString(atv.Value)))
		}
	}
	return strings.Join(lines, "\n")
}

func toString(v any) string {
	if s, ok := v.(string); ok {
		return s
	}
	return ""
}

// describeCredential fills what Auth0 derives from the PEM.
func describeCredential(c Object) *APIError {
	if str(c, "pem") == "" && str(c, "credential_type") == "cert_subject_dn" && str(c, "subject_dn") != "" {
		return nil
	}
	block, _ := pem.Decode([]byte(str(c, "pem")))
	if block == nil {
		return errInvalidBody("Payload validation error: 'Invalid PEM' on property pem.")
	}
	var cert *x509.Certificate
	var pub any
	if block.Type == "CERTIFICATE" {
		var err error
		if cert, err = x509.ParseCertificate(block.Bytes); err != nil {
			return errInvalidBody("Payload validation error: 'Invalid certificate' on property pem.")
		}
		pub = cert.PublicKey
	} else {
		var err error
		if pub, err = x509.ParsePKIXPublicKey(block.Bytes); err != nil {
			return errInvalidBody("Payload validation error: 'Invalid public key' on property pem.")
		}
	}
	switch str(c, "credential_type") {
	case "public_key":
		key, err := jwk.FromRaw(pub)
		if err != nil {
			return errInvalidBody("Payload validation error: 'Unsupported key' on property pem.")
		}
		tp, err := key.Thumbprint(crypto.SHA256)
		if err != nil {
			return errInvalidBody("Payload validation error: 'Unsupported key' on property pem.")
		}
		c["kid"] = base64.RawURLEncoding.EncodeToString(tp)
		applyDefaults(c, Object{"alg": "RS256"})
		if boolean(c, "parse_expiry_from_cert") && cert != nil {
			c["expires_at"] = isoMillis(cert.NotAfter)
		}
	case "x509_cert", "cert_subject_dn":
		if cert == nil {
			return errInvalidBody("Payload validation error: 'A certificate is required' on property pem.")
		}
		if str(c, "credential_type") == "x509_cert" {
			sum := sha256.Sum256(cert.Raw)
			c["thumbprint_sha256"] = base64.RawURLEncoding.EncodeToString(sum[:])
			c["expires_at"] = isoMillis(cert.NotAfter)
		} else if str(c, "subject_dn") == "" {
			c["subject_dn"] = subjectDN(cert.Subject)
		}
	}
	if e := str(c, "expires_at"); e != "" {
		if t, err := time.Parse(time.RFC3339Nano, e); err == nil {
			c["expires_at"] = isoMillis(t)
		}
	}
	return nil
}

func (s *Server) postClientCredential(w http.ResponseWriter, r *http.Request) {
	body, aerr := readObject(r)
	if aerr != nil {
		writeError(w, aerr)
		return
	}
	var c Object
	_ = s.store.Update(func(tx *Tx) error {
		if _, ok := tx.Get("clients", r.PathValue("id")); !ok {
			aerr = errNoClient()
			return nil
		}
		c = deepCopy(body)
		if aerr = describeCredential(c); aerr != nil {
			return nil
		}
		now := isoMillis(s.clock.Now())
		c["id"], c["client_id"], c["created_at"], c["updated_at"] = newID("cred_", 22), r.PathValue("id"), now, now
		tx.Put(credentialsColl, str(c, "id"), c)
		return nil
	})
	if aerr != nil {
		writeError(w, aerr)
		return
	}
	writeJSON(w, http.StatusCreated, credentialView(c))
}

// clientCredential finds a credential of the client, or the 404 to send.
func clientCredential(tx *Tx, clientID, id string) (Object, *APIError) {
	if _, ok := tx.Get("clients", clientID); !ok {
		return nil, errNoClient()
	}
	c, ok := tx.Get(credentialsColl, id)
	if !ok || str(c, "client_id") != clientID {
		return nil, errNoCredential()
	}
	return c, nil
}

func (s *Server) getClientCredential(w http.ResponseWriter, r *http.Request) {
	var c Object
	var aerr *APIError
	_ = s.store.View(func(tx *Tx) error {
		c, aerr = clientCredential(tx, r.PathValue("id"), r.PathValue("cred"))
		return nil
	})
	if aerr != nil {
		writeError(w, aerr)
		return
	}
	writeJSON(w, http.StatusOK, credentialView(c))
}

func (s *Server) patchClientCredential(w http.ResponseWriter, r *http.Request) {
	patch, aerr := readObject(r)
	if aerr != nil {
		writeError(w, aerr)
		return
	}
	var c Object
	_ = s.store.Update(func(tx *Tx) error {
		if c, aerr = clientCredential(tx, r.PathValue("id"), r.PathValue("cred")); aerr != nil {
			return nil
		}
		if e := str(patch, "expires_at"); e != "" {
			if t, err := time.Parse(time.RFC3339Nano, e); err == nil {
				c["expires_at"] = isoMillis(t)
			}
		}
		c["updated_at"] = isoMillis(s.clock.Now())
		tx.Put(credentialsColl, str(c, "id"), c)
		return nil
	})
	if aerr != nil {
		writeError(w, aerr)
		return
	}
	writeJSON(w, http.StatusOK, credentialView(c))
}

func (s *Server) deleteClientCredential(w http.ResponseWriter, r *http.Request) {
	var aerr *APIError
	_ = s.store.Update(func(tx *Tx) error {
		var c Object
		if c, aerr = clientCredential(tx, r.PathValue("id"), r.PathValue("cred")); aerr == nil {
			tx.Delete(credentialsColl, str(c, "id"))
		}
		return nil
	})
	if aerr != nil {
		writeError(w, aerr)
		return
	}
	writeNoContent(w)
}
