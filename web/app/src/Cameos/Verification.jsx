// Recording a cameo: the phrase to read and the instructions come from the server; the recording is made in the
// browser (camera and microphone through MediaRecorder) or chosen as a file, and sent to the upload URL the
// server named. The worker then checks face, voice and liveness.
import { useEffect, useRef, useState } from 'preact/hooks';
import { upload as send } from '../api/client.js';
import { ErrorNote, Field, useAction } from '../ui/ui.jsx';

const MAX_SECONDS = 15;

export function Verification({ cameo, upload, onUploaded }) {
  const [clip, setClip] = useState(null);
  const submit = useAction(async () => {
    if (clip.blob.size > upload.maxBytes) throw Object.assign(new Error(`The recording is ${(clip.blob.size / 1048576).toFixed(1)} MB; at most ${(upload.maxBytes / 1048576).toFixed(0)} MB is accepted.`), { code: 'TOO_LARGE' });
    await send(upload.url, upload.method, clip.blob, clip.blob.type || 'video/mp4');
    onUploaded();
  });
  return (
    <div class="card">
      <h2>Record your cameo</h2>
      <p>Read this phrase aloud, looking at the camera:</p>
      <p class="phrase" data-testid="phrase"><strong>“{cameo.phrase}”</strong></p>
      <ul>{upload.instructions.map((i) => <li key={i}>{i}</li>)}</ul>
      <Recorder onClip={setClip} />
      <Field label="Or upload a recording" hint={`A video file (${upload.acceptedFormats.join(', ')}), at most ${Math.round(upload.maxBytes / 1048576)} MB.`}>
        {(a) => <input {...a} type="file" name="recording" accept="video/*" onChange={(e) => { const f = e.currentTarget.files[0]; if (f) setClip({ blob: f, url: URL.createObjectURL(f), name: f.name }); }} />}
      </Field>
      {clip && (
        <>
          <video src={clip.url} controls playsInline style="width:100%;max-height:40dvh;background:#000" aria-label="Your recording" />
          <ErrorNote error={submit.error} />
          <button type="button" class="primary" disabled={submit.busy} onClick={() => submit.run()}>{submit.busy ? 'Sending…' : 'Send for verification'}</button>
        </>
      )}
    </div>
  );
}

function Recorder({ onClip }) {
  const preview = useRef(null);
  const recorder = useRef(null);
  const [stream, setStream] = useState(null);
  const [recording, setRecording] = useState(false);
  const [seconds, setSeconds] = useState(0);
  const [error, setError] = useState(null);

  useEffect(() => () => stream?.getTracks().forEach((t) => t.stop()), [stream]);
  useEffect(() => {
    if (!recording) return undefined;
    const timer = setInterval(() => setSeconds((s) => {
      if (s + 1 >= MAX_SECONDS) recorder.current?.stop();
      return s + 1;
    }), 1000);
    return () => clearInterval(timer);
  }, [recording]);

  async function open() {
    setError(null);
    if (!navigator.mediaDevices?.getUserMedia || typeof MediaRecorder === 'undefined') {
      setError({ message: 'This browser cannot record here; upload a video file instead.', code: 'UNSUPPORTED' });
      return;
    }
    try {
      const media = await navigator.mediaDevices.getUserMedia({ video: { width: 1280, height: 720, facingMode: 'user' }, audio: true });
      setStream(media);
      preview.current.srcObject = media;
      await preview.current.play().catch(() => {});
    } catch (e) {
      setError({ message: e.name === 'NotAllowedError' ? 'Camera and microphone access was refused. Allow it, or upload a file.' : `The camera could not start (${e.name}).`, code: e.name });
    }
  }

  function start() {
    const type = ['video/webm;codecs=vp9,opus', 'video/webm;codecs=vp8,opus', 'video/webm', 'video/mp4'].find((t) => MediaRecorder.isTypeSupported(t));
    const chunks = [];
    const rec = new MediaRecorder(stream, type ? { mimeType: type } : undefined);
    rec.ondataavailable = (e) => e.data.size && chunks.push(e.data);
    rec.onstop = () => {
      setRecording(false);
      const blob = new Blob(chunks, { type: (rec.mimeType || 'video/webm').split(';')[0] });
      onClip({ blob, url: URL.createObjectURL(blob), name: 'recording' });
    };
    recorder.current = rec;
    setSeconds(0);
    rec.start(250);
    setRecording(true);
  }

  return (
    <div class="recorder">
      <video ref={preview} muted playsInline hidden={!stream} style="width:100%;max-height:40dvh;background:#000" aria-label="Camera preview" />
      <div class="row">
        {!stream && <button type="button" onClick={open}>Use my camera</button>}
        {stream && !recording && <button type="button" class="primary" onClick={start}>● Start recording</button>}
        {recording && <button type="button" class="danger" onClick={() => recorder.current.stop()}>■ Stop ({seconds}s of at most {MAX_SECONDS}s)</button>}
      </div>
      <ErrorNote error={error} />
    </div>
  );
}
