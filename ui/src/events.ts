// Backend-to-window messages arrive on typed channels (see watchBlog in api.ts), which need
// no event permissions; there are no named events yet.
export {};
