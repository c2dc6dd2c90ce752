// fake-indexeddb's side-effect entry ships no types of its own.
declare module 'fake-indexeddb/auto';
