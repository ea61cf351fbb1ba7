package auth0sim

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// stateFile is what --state holds: the tenant's objects and its token
// signing key (so tokens issued before a restart stay valid after it).
type stateFile struct {
	Version    int           `json:"version"`
	Domain     string        `json:"domain"`
	SigningKey string        `json:"signingKey"`
	Store      storeSnapshot `json:"store"`
	// TLSCert and TLSKey (PEM) are the serving certificate, so that clients that trust it
	// still do after a restart.
	TLSCert string `json:"tlsCert,omitempty"`
	TLSKey  string `json:"tlsKey,omitempty"`
}

const stateVersion = 1

// loadState reads Options.StateFile if it exists.
func (s *Server) loadState() (bool, error) {
	if s.opts.StateFile == "" {
		return false, nil
	}
	data, err := os.ReadFile(s.opts.StateFile)
	if errors.Is(err, os.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	var st stateFile
	if err := json.Unmarshal(data, &st); err != nil {
		return false, fmt.Errorf("state file %s: %w", s.opts.StateFile, err)
	}
	if st.Version != stateVersion {
		return false, fmt.Errorf("state file %s: version %d, want %d", s.opts.StateFile, st.Version, stateVersion)
	}
	if st.Domain != s.domain {
		return false, fmt.Errorf("state file %s is for tenant %s, not %s", s.opts.StateFile, st.Domain, s.domain)
	}
	key, err := parseRSAPrivatePEM(st.SigningKey)
	if err != nil {
		return false, fmt.Errorf("state file %s: signing key: %w", s.opts.StateFile, err)
	}
	if s.keys, err = signingKeysFrom(key, s.domain); err != nil {
		return false, err
	}
	s.store.restore(st.Store)
	if st.TLSCert != "" && st.TLSKey != "" {
		s.certPEM, s.keyPEM = []byte(st.TLSCert), []byte(st.TLSKey)
	}
	return true, nil
}

// saveState writes the state file atomically (temp file + rename).
func (s *Server) saveState() error {
	if s.opts.StateFile == "" {
		return nil
	}
	s.saveMu.Lock()
	defer s.saveMu.Unlock()
	data, err := json.Marshal(stateFile{Version: stateVersion, Domain: s.domain, SigningKey: s.keys.privatePEM(), Store: s.store.snapshot(),
		TLSCert: string(s.certPEM), TLSKey: string(s.keyPEM)})
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(s.opts.StateFile), ".auth0-sim-state-*")
	if err != nil {
		return err
	}
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return err
	}
	if err := tmp.Close(); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return os.Rename(tmp.Name(), s.opts.StateFile)
}

func (s *Server) saveStateLogged() {
	if err := s.saveState(); err != nil {
		s.opts.Logf("auth0-sim: saving state: %v", err)
	}
}
