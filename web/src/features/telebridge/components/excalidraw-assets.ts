// Excalidraw fetches its fonts from EXCALIDRAW_ASSET_PATH, else from a CDN: Telemost serves them
// itself (web/vite.config.ts), so a college network without the internet still draws the board's
// own lettering. Imported before the board renders; the fonts are read when text is first drawn.
declare global {
  interface Window {
    EXCALIDRAW_ASSET_PATH?: string | string[];
  }
}
if (typeof window !== 'undefined') window.EXCALIDRAW_ASSET_PATH = '/excalidraw/';

export {};
