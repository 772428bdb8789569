// Vite's ambient types for the browser build (CSS imports, import.meta.env).
/// <reference types="vite/client" />
