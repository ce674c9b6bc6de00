#!/usr/bin/env bash
# Prints the path of a JDK >= 25 to use as JAVA_HOME, or explains what to install and fails.
# Order: $JAVA_HOME if it is >= 25, else the newest JDK >= 25 under /usr/lib/jvm.
set -u
REQUIRED=25

version_of() { # major version of the JDK at $1, or nothing
  local rel="$1/release"
  [ -x "$1/bin/javac" ] && [ -f "$rel" ] || return 0
  sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$rel"
}

if [ -n "${JAVA_HOME:-}" ]; then
  v=$(version_of "$JAVA_HOME")
  if [ -n "$v" ] && [ "$v" -ge "$REQUIRED" ]; then echo "$JAVA_HOME"; exit 0; fi
fi

best="" best_v=0
for d in /usr/lib/jvm/*; do
  [ -d "$d" ] && [ ! -L "$d" ] || continue
  v=$(version_of "$d")
  if [ -n "$v" ] && [ "$v" -ge "$REQUIRED" ] && [ "$v" -gt "$best_v" ]; then best="$d" best_v="$v"; fi
done
if [ -n "$best" ]; then echo "$best"; exit 0; fi

cat >&2 <<MSG
error: Aether needs a JDK ${REQUIRED} or newer, and none was found.
  looked at: JAVA_HOME=${JAVA_HOME:-<unset>} and /usr/lib/jvm/*
  install one, e.g. Temurin 25 (Debian/Ubuntu: apt-get install temurin-25-jdk from Adoptium's
  repository), or point JAVA_HOME at an existing JDK >= ${REQUIRED}.
MSG
exit 1
