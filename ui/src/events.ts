// Names of the events the backend emits. None yet: the watcher and publish progress add them.
export {};
