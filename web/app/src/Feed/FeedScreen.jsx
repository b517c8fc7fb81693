// The feed: For You, Following, Trending and search in one vertical pager. Pages load as the viewer nears the
// end; the server's end reason (a daily cap, quiet hours, nothing unseen) is shown as a message, never as an
// empty screen; and a video that leaves public view while it is on screen (a revoked consent, a takedown)
// disappears at once, pushed by the videoRemoved subscription.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { gql, session, subscribe } from '../api/client.js';
import { useValue } from '../api/signal.js';
import { ErrorNote, Field, Segmented, Status } from '../ui/ui.jsx';
import { FEED, SEARCH, VIDEO_REMOVED } from './operations.js';
import { Slide } from './Slide.jsx';
import { EndOfFeed } from './EndOfFeed.jsx';

const PAGE = 5;
const TABS = [
  { value: 'FOR_YOU', label: 'For You' },
  { value: 'FOLLOWING', label: 'Following' },
  { value: 'TRENDING', label: 'Trending' },
  { value: 'SEARCH', label: 'Search' },
];

export function FeedScreen({ initialTab = 'FOR_YOU' }) {
  const me = useValue(session);
  const [tab, setTab] = useState(me ? initialTab : 'SEARCH');
  const [query, setQuery] = useState('');
  const [submitted, setSubmitted] = useState('');
  useEffect(() => {
    document.title = 'Feed · Sora';
  }, []);
  const tabs = me ? TABS : TABS.filter((t) => t.value === 'SEARCH');
  return (
    <section class="feed-screen" aria-labelledby="screen-title">
      <div class="feed-controls">
        <h1 id="screen-title" class="visually-hidden">Feed</h1>
        <Segmented label="Which feed" options={tabs} value={tab} onChange={setTab} />
        {tab === 'SEARCH' && (
          <form role="search" class="row" onSubmit={(e) => { e.preventDefault(); setSubmitted(query.trim()); }}>
            <div class="grow">
              <Field label="Search videos" hint='Words, "quoted phrases", or, and -excluded words.'>
                {(a) => <input {...a} type="search" name="q" maxLength={200} value={query} onInput={(e) => setQuery(e.currentTarget.value)} />}
              </Field>
            </div>
            <button type="submit" disabled={!query.trim()}>Search</button>
          </form>
        )}
      </div>
      {tab === 'SEARCH' ? (
        submitted ? <Pager key={`search:${submitted}`} source={searchSource(submitted)} /> : <p class="screen muted">Type what you are looking for.</p>
      ) : (
        <Pager key={tab} source={feedSource(tab)} />
      )}
    </section>
  );
}

/** A feed kind as a page source: items with their reasons, and the feed's own end state. */
function feedSource(kind) {
  return async (after) => {
    const { feed } = await gql(FEED, { kind, first: PAGE, after });
    return { items: feed.items, pageInfo: feed.pageInfo, end: feed.endReason ? feed : null, personalized: feed.personalized };
  };
}

function searchSource(text) {
  return async (after) => {
    const { searchVideos } = await gql(SEARCH, { query: text, first: PAGE, after });
    const items = searchVideos.edges.map((e) => ({ video: e.node, reasons: [], scoreParts: [], score: null }));
    return { items, pageInfo: searchVideos.pageInfo, end: searchVideos.pageInfo.hasNextPage ? null : { endReason: 'END_OF_RESULTS' }, personalized: null };
  };
}

function Pager({ source }) {
  const [items, setItems] = useState([]);
  const [cursor, setCursor] = useState(null);
  const [more, setMore] = useState(true);
  const [end, setEnd] = useState(null);
  const [personalized, setPersonalized] = useState(null);
  const [error, setError] = useState(null);
  const [loading, setLoading] = useState(false);
  const [active, setActive] = useState(0);
  const [announcement, setAnnouncement] = useState('');
  const pager = useRef(null);
  const seen = useRef(new Set());
  const keys = useRef(null);

  const load = useCallback(async () => {
    if (loading || !more) return;
    setLoading(true);
    setError(null);
    try {
      const page = await source(cursor);
      // A page may repeat an item the viewer already holds (a search re-ranked): keep the first.
      const fresh = page.items.filter((i) => !seen.current.has(i.video.id));
      fresh.forEach((i) => seen.current.add(i.video.id));
      setItems((current) => [...current, ...fresh]);
      setCursor(page.pageInfo.endCursor);
      setMore(page.pageInfo.hasNextPage && !page.end);
      setEnd(page.end);
      setPersonalized(page.personalized);
    } catch (e) {
      setError(e);
    } finally {
      setLoading(false);
    }
  }, [source, cursor, more, loading]);

  useEffect(() => {
    load();
  }, []);

  // Near the end, fetch the next page so the swipe never waits.
  useEffect(() => {
    if (items.length && active >= items.length - 2) load();
  }, [active, items.length]);

  // One subscription per set of held ids (at most a few pages), renewed as pages arrive.
  // The new subscription opens before the old one closes, and the server first sends any id already gone, so a
  // removal between fetching a page and subscribing to it is not missed.
  const ids = items.map((i) => i.video.id).join(',');
  const watching = useRef(null);
  useEffect(() => {
    if (!ids) return;
    const held = ids.split(',').slice(-100);
    const previous = watching.current;
    watching.current = subscribe(VIDEO_REMOVED, { ids: held }, ({ videoRemoved }) => {
      setItems((current) => current.filter((i) => i.video.id !== videoRemoved.videoId));
      setAnnouncement('A video in your feed is no longer available and was removed.');
    }, setError);
    previous?.();
  }, [ids]);
  useEffect(() => () => watching.current?.(), []);

  const drop = useCallback((id, message) => {
    setItems((current) => current.filter((i) => i.video.id !== id));
    if (message) setAnnouncement(message);
  }, []);

  const go = useCallback((index) => {
    const slides = pager.current?.querySelectorAll('.slide, .end');
    const target = slides?.[Math.max(0, Math.min(index, slides.length - 1))];
    target?.scrollIntoView({ behavior: matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth', block: 'start' });
  }, []);

  const onKeyDown = (e) => {
    if (e.target.closest('input, textarea, select, dialog')) return;
    if (['ArrowDown', 'PageDown', 'j'].includes(e.key)) { e.preventDefault(); go(active + 1); }
    if (['ArrowUp', 'PageUp', 'k'].includes(e.key)) { e.preventDefault(); go(active - 1); }
    // Space would press a focused button; on the pager itself it plays or pauses the video on screen.
    if (e.key === ' ' && e.target.closest('button, summary, a')) return;
    if ([' ', 'm', 'l'].includes(e.key)) keys.current?.(e);
  };

  return (
    <>
      {personalized === false && <p class="muted feed-controls">Personalization is off: this feed uses recency and popularity only.</p>}
      <div class="feed-controls">
        <Status>{announcement}</Status>
        <ErrorNote error={error} />
      </div>
      <div class="pager" ref={pager} tabIndex={0} onKeyDown={onKeyDown} role="feed" aria-busy={loading ? 'true' : 'false'}
        aria-label="Videos. Arrow keys or j and k move between them; space plays or pauses.">
        {items.map((item, index) => (
          <Slide key={item.video.id} item={item} index={index} total={items.length} active={index === active} root={pager} keys={keys}
            onVisible={() => setActive(index)} onEnded={() => go(index + 1)} onDrop={drop} />
        ))}
        {!more && <EndOfFeed end={end} empty={items.length === 0} />}
        {more && items.length === 0 && !error && <p class="end" role="status">Loading videos…</p>}
      </div>
    </>
  );
}
