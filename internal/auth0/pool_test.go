package auth0

import (
	"context"
	"testing"
)

func TestPoolCachesOneClientPerTenantVersion(t *testing.T) {
	clock := newManualClock()
	f := newFakeAuth0(t, clock)
	p, _ := newTestPool(t, clock)
	cfg := f.config(RateLimit{})

	a := mustClient(t, p, cfg)
	if b := mustClient(t, p, cfg); b != a {
		t.Error("same Key and Version: a different client")
	}
	cfg.Version = "2"
	b := mustClient(t, p, cfg)
	if b == a {
		t.Error("new Version: the same client")
	}
	if c := mustClient(t, p, cfg); c != b {
		t.Error("the rebuilt client is not cached")
	}
	other := cfg
	other.Key = "uid-2"
	if c := mustClient(t, p, other); c == b {
		t.Error("another tenant shares a client")
	}
	p.Forget(cfg.Key)
	if c := mustClient(t, p, cfg); c == b {
		t.Error("after Forget: the forgotten client")
	}
}

func TestPoolRejectsIncompleteConfig(t *testing.T) {
	p, _ := newTestPool(t, newManualClock())
	for name, cfg := range map[string]TenantConfig{
		"no key":     {Domain: testDomain, Credentials: Credentials{ClientID: "a", ClientSecret: "b"}},
		"no domain":  {Key: "k", Credentials: Credentials{ClientID: "a", ClientSecret: "b"}},
		"bad CA PEM": {Key: "k", Domain: testDomain, CACertPEM: []byte("nope"), Credentials: Credentials{ClientID: "a", ClientSecret: "b"}},
	} {
		if _, err := p.Client(cfg); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

func TestClientTrustsOnlyTheGivenCA(t *testing.T) {
	clock := newManualClock()
	f := newFakeAuth0(t, clock)
	p, _ := newTestPool(t, clock)
	cfg := f.config(RateLimit{})
	cfg.CACertPEM = nil
	c := mustClient(t, p, cfg)
	if e := Classify(c.Ping(context.Background())); e == nil || e.Class != ClassTransient {
		t.Errorf("Ping to a self-signed server without its CA: %+v, want a Transient TLS failure", e)
	}
}

func TestDigestIsKeyedByCredentials(t *testing.T) {
	p := NewPool(nil)
	mk := func(key, secret string) *Client {
		c, err := p.Client(TenantConfig{Key: key, Version: "1", Domain: "a.example.com", Credentials: Credentials{ClientID: "id", ClientSecret: secret}})
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	a, b := mk("a", "s1"), mk("b", "s2")
	if a.Digest([]byte("x")) != a.Digest([]byte("x")) {
		t.Fatal("digest not stable")
	}
	if a.Digest([]byte("x")) == b.Digest([]byte("x")) {
		t.Fatal("digest not keyed by the credentials")
	}
	if a.Digest([]byte("ab"), []byte("c")) == a.Digest([]byte("a"), []byte("bc")) {
		t.Fatal("parts run together")
	}
	if a.Digest([]byte("x")) == a.Digest([]byte("y")) {
		t.Fatal("digest ignores the value")
	}
}
