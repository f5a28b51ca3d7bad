#!/usr/bin/env bash
# Assembles the conformance data of ../shared/kfp (golden pipelines compiled by the official kfp SDK and
# kfp-kubernetes, the KFP v2beta1 REST swagger) from sparse checkouts of kubeflow/pipelines, for CI runners that
# do not have ../shared (GitHub Actions). Every file comes byte for byte from the commit named in
# scripts/ci/shared-kfp-files.txt; the file lists which ../shared/kfp file is which upstream file.
#   bash scripts/ci/shared-from-upstream.sh CHECKOUT_AT_7b70c7b CHECKOUT_AT_2.2.0 OUT_DIR
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
main=$1 older=$2 out=$3
count=0
while read -r target source; do
  case "$target" in '' | '#'*) continue ;; esac
  ref=${source%%:*}
  path=${source#*:}
  case "$ref" in
    7b70c7b95f6832772efd6fd0029a4024491a0f44) from="$main/$path" ;;
    2.2.0) from="$older/$path" ;;
    *) echo "shared-from-upstream: unknown ref $ref for $target" >&2; exit 1 ;;
  esac
  [ -f "$from" ] || { echo "shared-from-upstream: $from is missing (sparse checkout paths?)" >&2; exit 1; }
  mkdir -p "$out/$(dirname "$target")"
  cp "$from" "$out/$target"
  count=$((count + 1))
done <"$here/shared-kfp-files.txt"
echo "shared-from-upstream: $count files in $out"
