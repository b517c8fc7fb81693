// One video of the pager. It plays while most of it is on screen, counts the time it actually played (not the
// time it was open), and reports that as a view when the viewer moves on, so the ranking learns from real watching.
import { useEffect, useRef, useState } from 'preact/hooks';
import { gql, mutate, session } from '../api/client.js';
import { href } from '../api/router.js';
import { words } from '../api/format.js';
import { ErrorNote } from '../ui/ui.jsx';
import { HIDE, LIKE, NOT_INTERESTED, RECORD_VIEW, SEE_LESS, SHARE, UNLIKE } from './operations.js';
import { WhyThisVideo } from './WhyThisVideo.jsx';
import { CommentsDialog } from './CommentsDialog.jsx';
import { ReportDialog } from './ReportDialog.jsx';

export function Slide({ item, index, total, active, root, keys, onVisible, onEnded, onDrop }) {
  const { video } = item;
  const box = useRef(null);
  const player = useRef(null);
  const watched = useRef({ ms: 0, last: null, completed: false });
  const [muted, setMuted] = useState(true);
  const [paused, setPaused] = useState(true);
  const [liked, setLiked] = useState(video.viewerHasLiked);
  const [likes, setLikes] = useState(video.stats.likes);
  const [comments, setComments] = useState(video.stats.comments);
  const [dialog, setDialog] = useState(null);
  const [error, setError] = useState(null);
  const [note, setNote] = useState('');
  const signedIn = !!session.get();
  // The observer is made once; the callbacks change as earlier slides leave the list (their index moves).
  const visible = useRef(onVisible);
  visible.current = onVisible;
  // A labelled video (flashing lights, graphic) is shown only once the viewer chooses to, never autoplayed.
  const [revealed, setRevealed] = useState(!(video.labels?.length > 0));

  // Active means most of the slide is visible; the pager's scroll-snap makes that one slide at a time.
  useEffect(() => {
    const observer = new IntersectionObserver(([entry]) => entry.isIntersecting && visible.current(), { root: root.current, threshold: 0.6 });
    observer.observe(box.current);
    return () => {
      observer.disconnect();
      if (keys.current === handler.current) keys.current = null;
    };
  }, []);

  useEffect(() => {
    const element = player.current;
    if (!element) return;
    if (active && revealed) {
      // Browsers allow autoplay when muted; the viewer unmutes with one tap or "m".
      element.play().catch(() => setPaused(true));
    } else {
      element.pause();
      report();
    }
  }, [active, revealed]);

  // Leaving the page counts too (closing the tab mid-video is the most common way to stop watching).
  useEffect(() => {
    const flush = () => report();
    addEventListener('pagehide', flush);
    return () => {
      removeEventListener('pagehide', flush);
      report();
    };
  }, []);

  function onTimeUpdate() {
    // A last event can arrive after a removed slide's player is gone.
    if (!player.current) return;
    const now = player.current.currentTime;
    const state = watched.current;
    // Only forward play within a short step counts: a seek is not watching.
    if (state.last !== null && now > state.last && now - state.last < 1.5) state.ms += (now - state.last) * 1000;
    state.last = now;
  }

  function report() {
    const state = watched.current;
    const watchedMs = Math.round(state.ms);
    if (!signedIn || watchedMs <= 0) return;
    const completed = state.completed;
    watched.current = { ms: 0, last: null, completed: false };
    // keepalive: a view reported as the tab closes must outlive the page.
    gql(RECORD_VIEW, { input: { videoId: video.id, watchedMs, completed } }, { keepalive: true }).catch(() => {});
  }

  function onEndedVideo() {
    watched.current.completed = true;
    report();
    onEnded();
  }

  async function act(work) {
    setError(null);
    try {
      await work();
    } catch (e) {
      setError(e);
    }
  }

  const toggleLike = () =>
    act(async () => {
      const payload = await mutate(liked ? UNLIKE : LIKE, { input: { videoId: video.id } }, liked ? 'unlike' : 'like');
      setLiked(payload.video?.viewerHasLiked ?? !liked);
      setLikes(payload.video?.stats.likes ?? likes);
    });

  const share = () =>
    act(async () => {
      const url = `${location.origin}/#/videos/${video.id}`;
      let channel = 'link';
      if (navigator.share) {
        try {
          await navigator.share({ title: 'A video on Sora', text: video.prompt, url });
          channel = 'system';
        } catch {
          return; // the viewer closed the share sheet: nothing was shared
        }
      } else {
        await navigator.clipboard?.writeText(url).catch(() => {});
      }
      await mutate(SHARE, { input: { videoId: video.id, channel } }, 'share');
      setNote(channel === 'link' ? 'Link copied.' : 'Shared.');
    });

  const signal = (document, field, message, drop) =>
    act(async () => {
      await mutate(document, { input: { videoId: video.id } }, field);
      if (drop) onDrop(video.id, message);
      else setNote(message);
    });

  // The pager owns the keyboard (focus may sit on it or on any button of a slide) and hands keys to the active slide.
  const handler = useRef(null);
  handler.current = onKeyDown;
  if (active) keys.current = onKeyDown;

  function onKeyDown(e) {
    if (!player.current) return;
    if (e.key === ' ') {
      e.preventDefault();
      const element = player.current;
      if (element.paused) element.play().catch(() => {});
      else element.pause();
    }
    if (e.key === 'm') setMuted((m) => !m);
    if (e.key === 'l' && signedIn) toggleLike();
  }

  return (
    <article class="slide" ref={box} aria-posinset={index + 1} aria-setsize={total} aria-label={`Video by @${video.creator?.handle ?? 'unknown'}: ${video.prompt}`}
      data-video-id={video.id}>
      <video ref={player} src={revealed ? video.url : undefined} poster={video.posterUrl} playsInline muted={muted} preload={active ? 'auto' : 'metadata'}
        onTimeUpdate={onTimeUpdate} onEnded={onEndedVideo} onPlay={() => setPaused(false)} onPause={() => setPaused(true)}
        onClick={(e) => (e.currentTarget.paused ? e.currentTarget.play() : e.currentTarget.pause())} aria-label="Video player" />
      <div class="meta">
        <p class="prompt">
          <strong>@{video.creator?.handle ?? 'unknown'}</strong> {video.prompt}
        </p>
        {video.labels?.length > 0 && (
          <p role="note">
            ⚠ A moderator labelled this video: {video.labels.map(words).join(', ')}.{' '}
            {!revealed && <button type="button" onClick={() => setRevealed(true)}>Show the video</button>}
          </p>
        )}
        <div class="actions">
          <button type="button" onClick={() => (player.current.paused ? player.current.play() : player.current.pause())}>{paused ? '▶ Play' : '❚❚ Pause'}</button>
          <button type="button" aria-pressed={muted ? 'false' : 'true'} onClick={() => setMuted(!muted)}>{muted ? 'Sound off' : 'Sound on'}</button>
          {signedIn && (
            <button type="button" aria-pressed={liked ? 'true' : 'false'} onClick={toggleLike}>
              {liked ? '♥ Liked' : '♡ Like'} · {likes}
            </button>
          )}
          <button type="button" onClick={() => setDialog('comments')}>Comments · {comments}</button>
          {signedIn && <button type="button" onClick={share}>↗ Share</button>}
          {item.reasons?.length > 0 && <button type="button" onClick={() => setDialog('why')}>Why this video?</button>}
        </div>
        {/* The rarer actions fold away, so the video keeps the screen on a phone. */}
        <details class="more">
          <summary>More</summary>
          <div class="actions">
            <a class="button-link" href={href(`/videos/${video.id}`)}>Provenance</a>
            {signedIn && <a class="button-link" href={href(`/create?remix=${video.id}`)}>Remix</a>}
            {signedIn && <button type="button" onClick={() => signal(SEE_LESS, 'seeLess', 'You will see fewer videos like this one.', false)}>See less</button>}
            {signedIn && <button type="button" onClick={() => signal(NOT_INTERESTED, 'notInterested', 'Not interested: it will not come back, and fewer like it will.', true)}>Not interested</button>}
            {signedIn && <button type="button" onClick={() => signal(HIDE, 'hide', 'Hidden: you will not see this video again.', true)}>Hide</button>}
            {signedIn && <button type="button" onClick={() => setDialog('report')}>⚑ Report</button>}
          </div>
        </details>
        <p class="status" role="status">{note}</p>
        <ErrorNote error={error} />
      </div>
      <WhyThisVideo open={dialog === 'why'} onClose={() => setDialog(null)} item={item} />
      <CommentsDialog open={dialog === 'comments'} onClose={() => setDialog(null)} video={video} onCount={setComments} />
      <ReportDialog open={dialog === 'report'} onClose={() => setDialog(null)} target="VIDEO" targetId={video.id} />
    </article>
  );
}
