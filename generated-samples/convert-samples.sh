#!/usr/bin/env bash
# Converts every sample model listed in samples.txt (a file of generated-samples/models/, one a line;
# the sample's name is the file name without its extension) with the converter built from this
# checkout and replaces the committed output under generated-samples/<name>/ (pom.xml, sources,
# generated test and benchmark, reference inputs/outputs). The weights resource is not committed:
# each sample's pom rebuilds it from the model during the build (--weights-from).
#
#   ./mvnw -B -q -DskipTests install && generated-samples/convert-samples.sh
#
# SamplesGoldenTest fails when the committed output differs from what the converter generates now.
set -euo pipefail
cd "$(dirname "$0")"
converter=../converter/target/converter.jar
[ -f "$converter" ] || { echo "build the converter first: ./mvnw -B -q -DskipTests install" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
while read -r file; do
  [ -n "$file" ] || continue
  name=${file%.*}
  java -jar "$converter" "models/$file" -o "$work" --name "$name" --package io.nnport.samples \
    --source-only --weights-from "../models/$file"
  rm -rf "$name/src" "$name/pom.xml"
  mkdir -p "$name"
  cp -r "$work/$name/src/." "$name/"
done < samples.txt
