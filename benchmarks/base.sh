# Sourced by the benchmarks that compare this build with an earlier one:
# builds this one (release) and BASE in a worktree under /tmp (never
# committed), and sets $tree to that worktree.
#   . benchmarks/base.sh; build_both BASE
build_both() {
  swift build -c release --product flowcut >/dev/null
  tree=/tmp/flowcut-base-$(git rev-parse --short "$1")
  [ -d "$tree" ] || git worktree add -f "$tree" "$1" >/dev/null 2>&1
  (cd "$tree" && swift build -c release --product flowcut >/dev/null)
}
