//go:build tools

// Package tools names the command build.sh builds, so that go.mod and go.sum pin everything it imports.
package tools

import (
	_ "go.etcd.io/etcd/server/v3"
)
