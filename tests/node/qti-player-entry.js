// The QTI 3 player the tests run in Chromium: Cito's web components, and a function that turns an item's
// XML into the HTML they render. Bundled by esbuild (tests/export_readers.py).
import '@citolab/qti-components';
import { qtiTransformItem } from '@citolab/qti-components/qti-transformers';

window.qtiPlayer = { toHtml: (xml) => qtiTransformItem().parse(xml).html() };
