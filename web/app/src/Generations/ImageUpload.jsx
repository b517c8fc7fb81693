// Image-to-video: the photo is uploaded first (the server decodes it and checks faces in it against cameos),
// and its id goes into the request.
import { upload } from '../api/client.js';
import { ErrorNote, Field, useAction } from '../ui/ui.jsx';

export function ImageUpload({ image, onChange }) {
  const send = useAction(async (file) => {
    const answer = await upload('/media/uploads', 'POST', file);
    onChange({ id: answer.id, width: answer.width, height: answer.height, preview: URL.createObjectURL(file), name: file.name });
  });
  return (
    <div>
      <Field label="Image to animate (optional)" hint="JPEG, PNG or WebP. Faces in it must be yours or allow you.">
        {(a) => <input {...a} type="file" name="image" accept="image/jpeg,image/png,image/webp" onChange={(e) => e.currentTarget.files[0] && send.run(e.currentTarget.files[0])} />}
      </Field>
      {send.busy && <p role="status">Uploading…</p>}
      <ErrorNote error={send.error} />
      {image && (
        <div class="row">
          <img src={image.preview} alt={`The image to animate: ${image.name}`} style="max-height:6rem;border-radius:8px" />
          <span>{image.width}×{image.height}</span>
          <button type="button" onClick={() => onChange(null)}>Remove image</button>
        </div>
      )}
    </div>
  );
}
