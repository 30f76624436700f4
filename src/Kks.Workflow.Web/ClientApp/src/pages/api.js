// JSON calls to /api/designer with the page's sign-in cookie; errors carry the server's sentence.
export async function api(method, url, body) {
  const response = await fetch(url, {
    method,
    credentials: 'same-origin',
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body)
  });
  const text = await response.text();
  const data = text && (response.headers.get('content-type') || '').includes('json') ? JSON.parse(text) : text;
  return { ok: response.ok, status: response.status, data };
}

export function texts() {
  const element = document.getElementById('designer-texts');
  return element ? JSON.parse(element.textContent) : {};
}

export function format(template, values) {
  return String(template).replace(/{(\w+)}/g, (_, key) => (key in values ? values[key] : '{' + key + '}'));
}

export function download(name, content, type) {
  const url = URL.createObjectURL(new Blob([ content ], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
