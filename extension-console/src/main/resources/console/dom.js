// Small DOM helpers: elements are built with properties and text nodes, never from HTML strings, so nothing a
// device sends (names, values, payloads) can become markup.

export function h(tag, props = {}, ...children) {
    const el = document.createElement(tag);
    for (const [key, value] of Object.entries(props)) {
        if (key.startsWith('on')) {
            el.addEventListener(key.slice(2), value);
        } else if (key === 'class') {
            el.className = value;
        } else if (key === 'dataset') {
            Object.assign(el.dataset, value);
        } else if (value !== undefined && value !== null && value !== false) {
            if (key in el && typeof value !== 'string') {
                el[key] = value;
            } else {
                el.setAttribute(key, value === true ? '' : value);
            }
        }
    }
    append(el, children);
    return el;
}

function append(el, children) {
    for (const child of children.flat()) {
        if (child === null || child === undefined || child === false) {
            continue;
        }
        el.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
}

export function clear(el, ...children) {
    el.replaceChildren();
    append(el, children);
    return el;
}

export function table(headers, rows) {
    return h('table', {}, h('thead', {}, h('tr', {}, headers.map(title => h('th', {}, title)))),
        h('tbody', {}, rows));
}

export function time(ms) {
    return ms ? new Date(ms).toLocaleString() : '–';
}

export function json(value) {
    return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Shows what an op answered: its error's message, or a short success note. */
export function showStatus(el, text, kind = '') {
    el.textContent = text;
    el.className = 'status ' + kind;
}

export function errorText(error) {
    return error && error.code ? `${error.code}: ${error.message}` : String(error && error.message || error);
}

/** A datetime-local input's value for an epoch millisecond, in local time. */
export function localInput(ms) {
    const d = new Date(ms - new Date(ms).getTimezoneOffset() * 60000);
    return d.toISOString().slice(0, 16);
}

export function download(filename, type, text) {
    const url = URL.createObjectURL(new Blob([text], {type}));
    const link = h('a', {href: url, download: filename});
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
}
