#!/usr/bin/env bash
# The one build recipe for the tools the litefs4j cluster fixture runs (LiteFS and Consul).
# The fixture (Provisioner.java) runs this very file from its jar; scripts/install-litefs and
# scripts/install-consul run it from the source tree. Both build into the same per-user cache.
#
# usage: provision.sh litefs|consul [CACHE_ROOT]
#   Builds the pinned version below with the machine's Go from the Go module proxy into
#   CACHE_ROOT/<tool>-<version>/<tool>, unless it is already there. CACHE_ROOT defaults to
#   $LITEFS4J_CACHE, else $XDG_CACHE_HOME/litefs4j (if absolute), else ~/.cache/litefs4j: the
#   same rule as the fixture's (which also reads -Dlitefs4j.cache). Idempotent; concurrent
#   runs (any process) are serialised by flock(1) on CACHE_ROOT/<tool>-<version>.lock, and
#   a run that waited finds the other's build and returns at once. Prints the binary's path
#   on its last line. Exit 3: a prerequisite is missing (the message says what to install);
#   exit 1: the build failed (its output is on stderr).
set -euo pipefail

tool="${1:?usage: provision.sh litefs|consul [CACHE_ROOT]}"
root="${2:-${LITEFS4J_CACHE:-}}"
if [ -z "$root" ]; then
  case "${XDG_CACHE_HOME:-}" in
    /*) root="$XDG_CACHE_HOME/litefs4j" ;;
    *) root="$HOME/.cache/litefs4j" ;;
  esac
fi

# The pins (Provisioner.java's constants must agree; ProvisionScriptTest checks it).
LITEFS_VERSION="v0.5.14"
CONSUL_VERSION="v1.14.8"
# Consul v1.14.8's own api module pin (v1.18.0) lacks RaftServer.LastIndex; v1.18.1 has it.
CONSUL_API_VERSION="v1.18.1"

case "$tool" in
  litefs) version="$LITEFS_VERSION" property=litefs4j.binary ;;
  consul) version="$CONSUL_VERSION" property=litefs4j.consul ;;
  *) echo "provision: unknown tool '$tool' (litefs or consul)" >&2; exit 2 ;;
esac

dir="$root/$tool-$version"
bin="$dir/$tool"
say() { echo "provision: $*" >&2; }
missing() { say "$*"; exit 3; }
built() { [ -x "$bin" ] && [ -f "$dir/.complete" ]; }

if built; then echo "$bin"; exit 0; fi

command -v go >/dev/null 2>&1 \
  || missing "Go is missing: install a Go toolchain (1.24 or newer, https://go.dev/dl/) so that $tool $version can be built from the Go module proxy; or point -D$property=... at a $tool $version binary."
if [ "$tool" = litefs ]; then
  command -v gcc >/dev/null 2>&1 \
    || missing "gcc is missing: LiteFS uses cgo (go-sqlite3); install gcc (Debian: apt-get install gcc)."
fi
command -v flock >/dev/null 2>&1 \
  || missing "flock is missing: install util-linux (Debian: apt-get install util-linux)."

mkdir -p "$root"
exec 9>>"$root/$tool-$version.lock"
flock 9
# Another process may have built it while this one waited for the lock.
if built; then echo "$bin"; exit 0; fi

work="$(mktemp -d "$root/.build-$tool-$version-XXXXXX")"
cleanup() { chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
export GOTOOLCHAIN=local
log="$work/build.log"
fail() { cat "$log" >&2; say "building $tool $version failed (output above)"; exit 1; }

say "building $tool $version with $(go version | awk '{print $3}') from the Go module proxy into $dir"
case "$tool" in
  litefs)
    # 'go install module/cmd@version' is refused for this module (replace directives), so the
    # command is pinned as a tool of a throwaway module and installed from there.
    mkdir -p "$work/mod" "$work/out"
    (
      cd "$work/mod"
      export GOFLAGS=-mod=mod CGO_ENABLED=1
      go mod init litefs4j.local/litefs-build
      go get -tool "github.com/superfly/litefs/cmd/litefs@$LITEFS_VERSION"
      GOBIN="$work/out" go install -ldflags "-X main.Version=$LITEFS_VERSION" \
        github.com/superfly/litefs/cmd/litefs
    ) >"$log" 2>&1 || fail
    ;;
  consul)
    # v1.14.8 is the newest MPL-2.0 Consul the proxy serves. Its go.mod replaces its api, sdk
    # and proto-public submodules with local paths that a module download lacks: drop them.
    mkdir -p "$work/out"
    (
      moddir="$(go mod download -json "github.com/hashicorp/consul@$CONSUL_VERSION" \
        | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",*$/\1/p')"
      [ -n "$moddir" ] && [ -d "$moddir" ] || { echo "go mod download gave no module dir"; exit 1; }
      cp -R "$moddir" "$work/src"
      chmod -R u+w "$work/src"
      cd "$work/src"
      go mod edit -dropreplace=github.com/hashicorp/consul/api \
        -dropreplace=github.com/hashicorp/consul/sdk \
        -dropreplace=github.com/hashicorp/consul/proto-public
      go mod edit "-require=github.com/hashicorp/consul/api@$CONSUL_API_VERSION"
      GOFLAGS=-mod=mod CGO_ENABLED=0 go build -o "$work/out/consul" .
    ) >"$log" 2>&1 || fail
    ;;
esac

# Publish atomically enough: the binary first, then the marker that says it is complete.
rm -rf "$dir"
mkdir -p "$dir"
mv "$work/out/$tool" "$bin"
echo "$version" >"$dir/.complete"
say "installed $bin"
echo "$bin"
