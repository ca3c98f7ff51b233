#!/usr/bin/env bash
# Installs what the test suite and the conformance runs need beyond the .NET SDK, and nothing when it is all there:
#   fuse3, libfuse3-dev             the FUSE mount (S3FilesSim.Fuse) and its tests; passthrough_ll for the benchmarks
#   attr                             getfattr/setfattr, used by the FUSE scenario tests
#   autoconf, automake, libtool      building pjdfstest
#   perl                             prove, which runs pjdfstest
#   ceph-mon, ceph-osd, radosgw,     a single-node Ceph RGW on loopback, the second real S3 store of the Aws tests
#   ceph-common
#   python3-pytest and friends       ceph/s3-tests (PyPI is not needed: Debian's packages plus boto3 from the Python
#                                    that has moto)
# moto_server (pip install "moto[server]") and the AWS CLI are not Debian packages: the script checks for them and says
# how to install them. Run as root (or with sudo on PATH); on a machine that is not Debian-like it only checks.
set -euo pipefail

packages=(fuse3 libfuse3-dev attr autoconf automake libtool make gcc pkg-config uuid-runtime curl perl
          ceph-mon ceph-osd radosgw ceph-common
          python3-pytest python3-munch python3-isodate python3-lxml python3-tz python3-gevent python3-venv)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done

if [[ ${#missing[@]} -gt 0 ]]; then
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "error: these packages are missing and this is not a Debian-like system; install them by hand: ${missing[*]}" >&2
    exit 1
  fi
  sudo=
  if [[ $(id -u) -ne 0 ]]; then
    command -v sudo >/dev/null 2>&1 || { echo "error: installing ${missing[*]} needs root (run as root or install sudo)" >&2; exit 1; }
    sudo=sudo
  fi
  echo "== installing: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq >/dev/null
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

moto=${S3FILESSIM_MOTO_SERVER:-$(command -v moto_server || ls ~/.pyenv/shims/moto_server ~/.local/bin/moto_server 2>/dev/null | head -n 1 || true)}
if [[ -z "$moto" ]]; then
  echo "error: moto_server not found; install it with: pip install \"moto[server]\"" >&2
  exit 1
fi
echo "== prerequisites present"
