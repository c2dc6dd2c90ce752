/** Test helper for the sync suites (Node's fetch keeps no cookies). */

/** A fetch that keeps cookies, as a browser does for one origin. */
export function cookieFetch(): typeof fetch {
	const jar = new Map<string, string>();
	return async (input, init = {}) => {
		const headers = new Headers(init.headers);
		if (jar.size) headers.set('cookie', [...jar].map(([k, v]) => `${k}=${v}`).join('; '));
		const response = await fetch(input, { ...init, headers });
		for (const line of response.headers.getSetCookie()) {
			const [pair] = line.split(';');
			const i = pair.indexOf('=');
			const value = pair.slice(i + 1);
			if (value) jar.set(pair.slice(0, i), value);
			else jar.delete(pair.slice(0, i));
		}
		return response;
	};
}
