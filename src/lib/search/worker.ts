/// <reference lib="webworker" />
import type { SearchRequest } from './protocol';
import { searchServer } from './serve';

/**
 * The search index lives here, off the page's thread: building it (seconds, at ten years of
 * writing), loading and saving its snapshot never hold up typing or scrolling.
 */
const handle = searchServer((message) => postMessage(message));
self.onmessage = (event: MessageEvent<SearchRequest>) => handle(event.data);
