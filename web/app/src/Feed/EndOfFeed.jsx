// Why the feed stopped, in words: the server ends a feed with a typed reason (a cap a parent or the viewer set,
// quiet hours, nothing unseen left), and the viewer should know which, and when it opens again.
import { count, when } from '../api/format.js';

export function endMessage(end, empty) {
  const opens = end?.opensAt ? ` It opens again ${when(end.opensAt)}.` : '';
  switch (end?.endReason) {
    case 'DAILY_SCROLL_CAP_REACHED':
      return { title: "You've reached today's limit", text: `Your feed shows ${end.dailyScrollCap ? count(end.dailyScrollCap, 'video') : 'a set number of videos'} a day, and you have seen ${end.servedToday} today.${opens}` };
    case 'DAILY_WATCH_TIME_REACHED':
      return { title: "Today's watch time is used up", text: `The daily watch-time limit is reached.${opens}` };
    case 'SESSION_PAGE_LIMIT_REACHED':
      return { title: 'Time for a break', text: 'This session reached its page limit. Come back a little later for more.' };
    case 'QUIET_HOURS':
      return { title: 'Quiet hours', text: `The feed is paused during quiet hours.${opens}` };
    case 'END_OF_RESULTS':
      return empty ? { title: 'No videos match', text: 'Try other words, or fewer of them.' } : { title: 'No more results', text: 'That is every video that matches.' };
    default:
      return empty
        ? { title: 'Nothing here yet', text: 'No videos are waiting for you. Follow people or create a video of your own.' }
        : { title: "You're all caught up", text: 'You have seen everything new. Check back later.' };
  }
}

export function EndOfFeed({ end, empty }) {
  const { title, text } = endMessage(end, empty);
  return (
    <div class="end" role="status" data-end-reason={end?.endReason ?? 'END_OF_FEED'}>
      <h2>{title}</h2>
      <p>{text}</p>
      <a href="#/create">Create a video</a>
    </div>
  );
}
