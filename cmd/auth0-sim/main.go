// Command auth0-sim runs the Auth0 Management API simulator as a process:
//
//	auth0-sim --addr 127.0.0.1:PORT --domain DOMAIN --client-id ID --client-secret SECRET
//	  [--profile free|essentials|professional|enterprise-production|enterprise-nonproduction|unlimited]
//	  [--tls-cert-out FILE] [--state FILE] [--fault KIND=VALUE ...]
//
// When ready it prints "auth0-sim listening on URL" on a line of its own
// (https when --tls-cert-out is given; the self-signed certificate, valid for
// localhost, 127.0.0.1 and DOMAIN, is written there in PEM). It exits cleanly
// on SIGTERM or SIGINT, saving --state.
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/a0ops/auth0-operator/internal/auth0sim"
)

type faultFlags []string

func (f *faultFlags) String() string     { return strings.Join(*f, ",") }
func (f *faultFlags) Set(v string) error { *f = append(*f, v); return nil }

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "auth0-sim:", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	fs := flag.NewFlagSet("auth0-sim", flag.ContinueOnError)
	addr := fs.String("addr", "127.0.0.1:0", "address to listen on")
	domain := fs.String("domain", "tenant.auth0sim.test", "tenant domain (tokens are for https://DOMAIN/api/v2/)")
	clientID := fs.String("client-id", "", "client ID of the machine-to-machine application (generated if empty)")
	clientSecret := fs.String("client-secret", "", "its client secret (generated if empty)")
	publicKey := fs.String("client-public-key", "", "PEM file with a public key for private_key_jwt client authentication")
	scopes := fs.String("scopes", "", "comma-separated Management API scopes of the client (default: all)")
	profile := fs.String("profile", "unlimited", "rate-limit profile: "+strings.Join(auth0sim.ProfileNames(), ", "))
	burst := fs.Int("rate-burst", 0, "custom global bucket size (overrides the profile's; needs --rate-per-second)")
	perSecond := fs.Float64("rate-per-second", 0, "custom global refill rate per second")
	tokenLifetime := fs.Duration("token-lifetime", 24*time.Hour, "access token lifetime (expires_in)")
	opaque := fs.Bool("opaque-tokens", false, "issue opaque tokens instead of JWTs")
	buildDelay := fs.Duration("action-build-delay", 0, "how long a new action stays pending before it is built")
	certOut := fs.String("tls-cert-out", "", "serve https and write the self-signed certificate (PEM) to this file")
	state := fs.String("state", "", "state file: loaded at start if present, saved on every change and at exit")
	verbose := fs.Bool("v", false, "log")
	var faults faultFlags
	fs.Var(&faults, "fault", "fault to inject, repeatable: error-rate=0.1, error-status=500, latency=200ms, drop-rate=0.05, storm=30s, token-failure=30s|on, commit-then-drop=METHOD:PATH[:COUNT], commit-drop-rate=0.1")
	if err := fs.Parse(args); err != nil {
		return err
	}

	opts := auth0sim.Options{
		Addr: *addr, Domain: *domain, ClientID: *clientID, ClientSecret: *clientSecret,
		Profile: *profile, TokenLifetime: *tokenLifetime, OpaqueTokens: *opaque,
		ActionBuildDelay: *buildDelay, TLS: *certOut != "", StateFile: *state,
	}
	if *verbose {
		opts.Logf = log.Printf
	}
	if *scopes != "" {
		opts.Scopes = strings.Split(*scopes, ",")
	}
	if *publicKey != "" {
		pem, err := os.ReadFile(*publicKey)
		if err != nil {
			return err
		}
		opts.ClientPublicKeyPEM = string(pem)
	}
	if *burst > 0 || *perSecond > 0 {
		opts.RateLimit = &auth0sim.Limit{Burst: *burst, PerSecond: *perSecond}
	}
	for _, f := range faults {
		if err := auth0sim.ParseFault(&opts.Faults, f); err != nil {
			return err
		}
	}

	sim, err := auth0sim.Start(opts)
	if err != nil {
		return err
	}
	if *certOut != "" {
		if err := os.WriteFile(*certOut, sim.CertPEM(), 0o644); err != nil {
			_ = sim.Close()
			return err
		}
	}
	fmt.Printf("auth0-sim listening on %s\n", sim.URL())

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, syscall.SIGINT)
	defer stop()
	<-ctx.Done()
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := sim.Shutdown(shutdownCtx); err != nil {
		_ = sim.Close()
	}
	return nil
}
