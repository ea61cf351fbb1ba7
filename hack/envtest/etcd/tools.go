//go:build tools

// Package tools records the etcd this module builds for envtest.
package tools

import _ "go.etcd.io/etcd/server/v3"
