// The server is being written; this file goes when its first type lands.
