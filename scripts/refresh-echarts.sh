#!/usr/bin/env bash
# Vendors Apache ECharts (Apache-2.0) into the command centre's wwwroot, so its charts work on county machines that are
# offline: no CDN. Takes the minified browser build with its LICENSE and NOTICE from the npm package itself (npm pack),
# and records where it came from. Usage: scripts/refresh-echarts.sh [version]   (default: the newest 6.x)
set -euo pipefail
cd "$(dirname "$0")/.."
spec="echarts@${1:-6}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
tarball=$(cd "$work" && npm pack --silent "$spec")
tar -xzf "$work/$tarball" -C "$work"
version=$(node -p "require('$work/package/package.json').version")
target="services/Xichou.CommandCentre/wwwroot/lib/echarts/$version"
rm -rf "$target"
mkdir -p "$target"
cp "$work/package/dist/echarts.min.js" "$work/package/LICENSE" "$work/package/NOTICE" "$target/"
sha=$(sha256sum "$target/echarts.min.js" | cut -d' ' -f1)
printf 'echarts %s from the npm registry (npm pack %s)\necharts.min.js sha256 %s\n' "$version" "$spec" "$sha" > "$target/SOURCE"
echo "vendored echarts $version into $target"
echo "if the version changed, update the script tag's path in the command centre's pages and remove the old folder"
