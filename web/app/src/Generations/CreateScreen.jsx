// Create: a prompt (with @mentions checked for consent as you type), the format, an optional image or a remix
// source, then the price with its surge shown before confirming, and live progress once it is queued.
import { useEffect, useState } from 'preact/hooks';
import { gql, mutate, requestId } from '../api/client.js';
import { words } from '../api/format.js';
import { ErrorNote, Field, Screen, useAction } from '../ui/ui.jsx';
import { PRICE, REQUEST, SOURCE_VIDEO } from './operations.js';
import { MentionCheck } from './MentionCheck.jsx';
import { ImageUpload } from './ImageUpload.jsx';
import { GenerationProgress } from './GenerationProgress.jsx';

const DURATIONS = [5, 10, 15];
const ASPECTS = ['PORTRAIT_9_16', 'SQUARE_1_1', 'LANDSCAPE_16_9'];
const RESOLUTIONS = ['SD_480P', 'HD_720P', 'FHD_1080P'];

export function CreateScreen({ remixOf }) {
  const [form, setForm] = useState({ prompt: '', durationSeconds: 5, aspect: 'PORTRAIT_9_16', resolution: 'SD_480P', style: 'WORLD', seed: '' });
  const [image, setImage] = useState(null);
  const [source, setSource] = useState(null);
  const [price, setPrice] = useState(null);
  const [priceError, setPriceError] = useState(null);
  const [confirming, setConfirming] = useState(false);
  const [generation, setGeneration] = useState(null);
  const [clientRequestId, setClientRequestId] = useState(requestId());
  const set = (key, parse = (v) => v) => (e) => { setForm({ ...form, [key]: parse(e.currentTarget.value) }); setConfirming(false); };

  useEffect(() => {
    if (!remixOf) return setSource(null);
    gql(SOURCE_VIDEO, { id: remixOf }).then((d) => setSource(d.video), (e) => setPriceError(e));
  }, [remixOf]);

  // The price depends on duration, resolution and the queue (surge), so it is asked again when they change.
  useEffect(() => {
    let live = true;
    gql(PRICE, { input: { durationSeconds: form.durationSeconds, resolution: form.resolution } })
      .then((d) => live && (setPrice(d), setPriceError(null)), (e) => live && setPriceError(e));
    return () => { live = false; };
  }, [form.durationSeconds, form.resolution, confirming]);

  const submit = useAction(async () => {
    const input = {
      prompt: form.prompt, durationSeconds: form.durationSeconds, aspect: form.aspect, resolution: form.resolution, style: form.style,
      seed: form.seed || null, image: image?.id ?? null, remixOf: remixOf ?? null, clientRequestId,
    };
    const payload = await mutate(REQUEST, { input }, 'requestGeneration');
    setGeneration(payload.generation);
    setConfirming(false);
  });

  if (generation) {
    return (
      <Screen title="Your video">
        <GenerationProgress initial={generation} />
        <button type="button" onClick={() => { setGeneration(null); setClientRequestId(requestId()); setForm({ ...form, prompt: '' }); setImage(null); }}>
          Make another
        </button>
      </Screen>
    );
  }

  const free = price && price.myCredits.freeQuotaLeft > 0;
  return (
    <Screen title={source ? 'Remix a video' : 'Create a video'}>
      <form class="card" aria-label="New video" onSubmit={(e) => { e.preventDefault(); confirming ? submit.run() : setConfirming(true); }}>
        {source && (
          <p>
            Remixing <a href={`#/videos/${source.id}`}>“{source.prompt}”</a> by @{source.creator?.handle}. Its frames are the backdrop, and the
            people it shows must allow remixes.
          </p>
        )}
        <Field label="Prompt" hint='Describe the scene. @handle puts someone’s cameo in (at most 2, with their consent); "quoted text" is spoken.'
          error={submit.error?.field === 'prompt' ? submit.error.message : undefined}>
          {(a) => <textarea {...a} name="prompt" required maxLength={1000} value={form.prompt} onInput={set('prompt')} />}
        </Field>
        <MentionCheck prompt={form.prompt} />
        <div class="row">
          <div class="grow">
            <Field label="Duration">
              {(a) => <select {...a} name="duration" value={form.durationSeconds} onChange={set('durationSeconds', Number)}>{DURATIONS.map((d) => <option key={d} value={d}>{d} seconds</option>)}</select>}
            </Field>
          </div>
          <div class="grow">
            <Field label="Aspect">
              {(a) => <select {...a} name="aspect" value={form.aspect} onChange={set('aspect')}>{ASPECTS.map((v) => <option key={v} value={v}>{aspectWords(v)}</option>)}</select>}
            </Field>
          </div>
          <div class="grow">
            <Field label="Resolution">
              {(a) => <select {...a} name="resolution" value={form.resolution} onChange={set('resolution')}>{RESOLUTIONS.map((v) => <option key={v} value={v}>{v.replace(/^\w+_/, '').toLowerCase()}</option>)}</select>}
            </Field>
          </div>
        </div>
        <div class="row">
          <div class="grow">
            <Field label="Style">
              {(a) => (
                <select {...a} name="style" value={form.style} onChange={set('style')}>
                  <option value="WORLD">World: the scene you describe, with physics</option>
                  <option value="ABSTRACT">Abstract: patterns from the prompt</option>
                </select>
              )}
            </Field>
          </div>
          <div class="grow">
            <Field label="Seed (optional)" hint="The same prompt and seed make the same video.">
              {(a) => <input {...a} name="seed" maxLength={64} value={form.seed} onInput={set('seed')} />}
            </Field>
          </div>
        </div>
        {!source && <ImageUpload image={image} onChange={(i) => { setImage(i); setConfirming(false); }} />}
        <ErrorNote error={priceError} />
        {price && (
          <p aria-live="polite" data-testid="price">
            {free
              ? `Free today: ${price.myCredits.freeQuotaLeft} of ${price.myCredits.dailyFreeQuota} free videos left.`
              : `Costs ${price.generationPrice.total} credits: ${price.generationPrice.base} base × ${price.generationPrice.surge.toFixed(2)} surge (${price.generationPrice.queueDepth} in the render queue). You have ${price.myCredits.balance}.`}
          </p>
        )}
        {confirming && (
          <div class="card" role="group" aria-label="Confirm">
            <p>
              <strong>Confirm:</strong> a {form.durationSeconds}-second {aspectWords(form.aspect).toLowerCase()} video at {words(form.resolution)}
              {free ? ', from your free quota.' : `, for ${price?.generationPrice.total ?? '?'} credits${price && price.generationPrice.surge > 1 ? ` (surge ×${price.generationPrice.surge.toFixed(2)})` : ''}.`}
            </p>
          </div>
        )}
        <ErrorNote error={submit.error?.field === 'prompt' ? null : submit.error} />
        <div class="row">
          <button class="primary" type="submit" disabled={submit.busy || !form.prompt.trim()}>
            {confirming ? (submit.busy ? 'Sending…' : 'Confirm and generate') : 'Review price'}
          </button>
          {confirming && <button type="button" onClick={() => setConfirming(false)}>Back</button>}
        </div>
      </form>
    </Screen>
  );
}

function aspectWords(aspect) {
  return { PORTRAIT_9_16: 'Portrait 9:16', SQUARE_1_1: 'Square 1:1', LANDSCAPE_16_9: 'Landscape 16:9' }[aspect] ?? aspect;
}
