// Every generation of the signed-in account, newest first: drafts to publish, published videos to withdraw.
import { useState } from 'preact/hooks';
import { gql } from '../api/client.js';
import { ErrorNote, Loading, Screen, useLoad } from '../ui/ui.jsx';
import { MY_GENERATIONS } from './operations.js';
import { GenerationProgress } from './GenerationProgress.jsx';

export function MyVideosScreen() {
  const [pages, setPages] = useState([]);
  const first = useLoad(async () => (await gql(MY_GENERATIONS, { first: 10 })).myGenerations, []);
  const all = [first.data, ...pages].filter(Boolean);
  const last = all[all.length - 1];
  const more = async () => setPages([...pages, (await gql(MY_GENERATIONS, { first: 10, after: last.pageInfo.endCursor })).myGenerations]);
  const items = all.flatMap((p) => p.edges.map((e) => e.node));
  return (
    <Screen title="My videos">
      {first.loading && <Loading />}
      <ErrorNote error={first.error} />
      {!first.loading && items.length === 0 && <p>No videos yet. <a href="#/create">Create one</a>.</p>}
      {items.map((g) => <GenerationProgress key={g.id} initial={g} live={['QUEUED', 'RENDERING', 'ENCODING'].includes(g.state)} />)}
      {last?.pageInfo.hasNextPage && <button type="button" onClick={more}>Load more</button>}
    </Screen>
  );
}
