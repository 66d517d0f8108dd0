/* Bưu điện tỉnh Bắc Kạn — chat widget. Embed with one tag:
 *   <script src="https://<bot host>/widget.js" defer></script>
 * Options (data-* attributes on that tag): data-title, data-subtitle, data-position="right|left",
 * data-open="true" (open on load), data-websocket="false" (poll instead of WebSocket), data-token-url.
 * It loads Web Chat from the same host, gets a per-visitor token from /api/directline/token, and keeps the
 * conversation across page reloads while the token is valid. */
(function () {
  'use strict';
  var script = document.currentScript;
  if (!script || window.__bdbkWidget) return;
  window.__bdbkWidget = true;

  var base = new URL('.', script.src).href;
  var data = script.dataset;
  var options = {
    title: data.title || 'Bưu điện tỉnh Bắc Kạn',
    subtitle: data.subtitle || 'Hỗ trợ trực tuyến · 1900 54 54 81',
    position: data.position === 'left' ? 'left' : 'right',
    open: data.open === 'true',
    webSocket: data.websocket !== 'false',
    tokenUrl: data.tokenUrl || base + 'api/directline/token',
  };
  var STORE = 'bdbk-webchat';
  /** Refetch a token when the stored one has less than this left. */
  var MARGIN_MS = 60 * 1000;

  function element(tag, attributes, children) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      if (name === 'text') node.textContent = attributes[name];
      else node.setAttribute(name, attributes[name]);
    });
    (children || []).forEach(function (child) {
      node.appendChild(child);
    });
    return node;
  }

  var css = element('link', { rel: 'stylesheet', href: base + 'widget.css' });
  document.head.appendChild(css);

  var icon = element('span', { class: 'bdbk-bubble-icon', 'aria-hidden': 'true' });
  icon.innerHTML =
    '<svg width="20" height="20" viewBox="0 0 24 24" fill="currentColor"><path d="M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H9l-5 4v-4H4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2zm3 6.5a1.5 1.5 0 1 0 0 3 1.5 1.5 0 0 0 0-3zm5 0a1.5 1.5 0 1 0 0 3 1.5 1.5 0 0 0 0-3zm5 0a1.5 1.5 0 1 0 0 3 1.5 1.5 0 0 0 0-3z"/></svg>';
  var bubble = element('button', { type: 'button', class: 'bdbk-bubble', 'aria-expanded': 'false', 'aria-controls': 'bdbk-panel' }, [
    icon,
    element('span', { text: 'Hỏi đáp trực tuyến' }),
  ]);
  var close = element('button', { type: 'button', class: 'bdbk-close', 'aria-label': 'Đóng cửa sổ trò chuyện', title: 'Đóng' });
  close.textContent = '×';
  var chat = element('div', { class: 'bdbk-chat' });
  var status = element('p', { class: 'bdbk-status', role: 'status' });
  var panel = element('section', { id: 'bdbk-panel', class: 'bdbk-panel', role: 'dialog', 'aria-labelledby': 'bdbk-title', hidden: '' }, [
    element('header', { class: 'bdbk-header' }, [
      element('span', { class: 'bdbk-logo', 'aria-hidden': 'true', text: 'BĐ' }),
      element('div', { class: 'bdbk-heading' }, [
        element('h2', { id: 'bdbk-title', class: 'bdbk-title', text: options.title }),
        element('p', { class: 'bdbk-subtitle', text: options.subtitle }),
      ]),
      close,
    ]),
    status,
    chat,
  ]);
  var root = element('div', { class: 'bdbk-widget', 'data-position': options.position, 'data-open': 'false' }, [bubble, panel]);
  document.body.appendChild(root);

  function loadScript(src) {
    return new Promise(function (resolve, reject) {
      if (window.WebChat) return resolve();
      var tag = element('script', { src: src });
      tag.onload = function () {
        resolve();
      };
      tag.onerror = function () {
        reject(new Error('Không tải được ' + src));
      };
      document.head.appendChild(tag);
    });
  }

  function readSession() {
    try {
      var saved = JSON.parse(localStorage.getItem(STORE) || 'null');
      return saved && typeof saved.token === 'string' ? saved : null;
    } catch {
      return null;
    }
  }

  function saveSession(session) {
    try {
      localStorage.setItem(STORE, JSON.stringify(session));
    } catch {
      /* private mode: the chat still works */
    }
  }

  function randomUserId() {
    var bytes = new Uint8Array(12);
    crypto.getRandomValues(bytes);
    return (
      'web_' +
      Array.prototype.map
        .call(bytes, function (b) {
          return ('0' + b.toString(16)).slice(-2);
        })
        .join('')
    );
  }

  /** The stored session while its token is valid (same conversation after a reload), else a new one. */
  function session() {
    var saved = readSession();
    if (saved && saved.expiresAt - MARGIN_MS > Date.now()) return Promise.resolve(saved);
    var userId = (saved && saved.userId) || randomUserId();
    return fetch(options.tokenUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ userId: userId }),
    })
      .then(function (response) {
        if (!response.ok) throw new Error('token ' + response.status);
        return response.json();
      })
      .then(function (grant) {
        var fresh = {
          token: grant.token,
          conversationId: grant.conversationId,
          domain: grant.domain,
          userId: userId,
          lifetimeMs: grant.expires_in * 1000,
          expiresAt: Date.now() + grant.expires_in * 1000,
          started: false,
        };
        saveSession(fresh);
        return fresh;
      });
  }

  var styleOptions = {
    accent: '#00509e',
    primaryFont: '"Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif',
    fontSizeSmall: '80%',
    backgroundColor: '#f4f6f9',
    bubbleBackground: '#ffffff',
    bubbleBorderColor: '#d5dce6',
    bubbleBorderRadius: 12,
    bubbleBorderWidth: 1,
    bubbleFromUserBackground: '#00509e',
    bubbleFromUserTextColor: '#ffffff',
    bubbleFromUserBorderColor: '#00509e',
    bubbleFromUserBorderRadius: 12,
    bubbleMaxWidth: 600,
    botAvatarInitials: 'BĐ',
    botAvatarBackgroundColor: '#f5a800',
    userAvatarInitials: 'Tôi',
    userAvatarBackgroundColor: '#00509e',
    hideUploadButton: true,
    sendBoxButtonColor: '#00509e',
    sendBoxButtonColorOnHover: '#003a73',
    sendBoxHeight: 52,
    suggestedActionLayout: 'flow',
    suggestedActionBackgroundColor: '#fff8e6',
    suggestedActionBorderColor: '#f5a800',
    suggestedActionBorderRadius: 18,
    suggestedActionTextColor: '#003a73',
    suggestedActionHeight: 36,
    transcriptActivityVisualKeyboardIndicatorColor: '#f5a800',
    transcriptVisualKeyboardIndicatorColor: '#f5a800',
  };

  var started = false;
  function start() {
    started = true;
    status.textContent = 'Đang kết nối…';
    Promise.all([loadScript(base + 'webchat.js'), session()])
      .then(function (results) {
        var current = results[1];
        var directLine = window.WebChat.createDirectLine({
          domain: current.domain,
          token: current.token,
          // A conversation that already started is resumed, with its history; a new one is started.
          conversationId: current.started ? current.conversationId : undefined,
          webSocket: options.webSocket,
        });
        directLine.connectionStatus$.subscribe(function (state) {
          if (state === 2 && !current.started) {
            current.started = true;
            current.conversationId = directLine.conversationId;
            saveSession(current);
          }
          // 3: the token expired; 4: could not connect. A new session on the next open.
          if (state === 3 || state === 4) {
            localStorage.removeItem(STORE);
            status.textContent = 'Mất kết nối. Quý khách vui lòng đóng và mở lại cửa sổ, hoặc gọi 1900 54 54 81.';
          }
        });
        // Direct Line refreshes its token every 15 minutes; keep the newest so a reload can resume.
        setInterval(function () {
          if (directLine.token && directLine.token !== current.token) {
            current.token = directLine.token;
            current.expiresAt = Date.now() + current.lifetimeMs;
            saveSession(current);
          }
        }, 30 * 1000);
        window.WebChat.renderWebChat(
          {
            directLine: directLine,
            userID: current.userId,
            locale: 'vi-VN',
            styleOptions: styleOptions,
          },
          chat,
        );
        status.textContent = '';
        focusSendBox();
      })
      .catch(function () {
        started = false;
        status.innerHTML =
          'Dạ, hiện chưa kết nối được với hệ thống hỗ trợ. Quý khách vui lòng thử lại sau hoặc gọi <a href="tel:1900545481">1900 54 54 81</a>.';
      });
  }

  function focusSendBox() {
    var tries = 0;
    (function attempt() {
      var input = chat.querySelector('input[type="text"], textarea');
      if (input) input.focus();
      else if (++tries < 40) setTimeout(attempt, 100);
    })();
  }

  function setOpen(open) {
    root.setAttribute('data-open', String(open));
    bubble.setAttribute('aria-expanded', String(open));
    panel.hidden = !open;
    if (open) {
      if (!started) start();
      else focusSendBox();
    } else {
      bubble.focus();
    }
  }

  bubble.addEventListener('click', function () {
    setOpen(true);
  });
  close.addEventListener('click', function () {
    setOpen(false);
  });
  panel.addEventListener('keydown', function (event) {
    if (event.key === 'Escape') setOpen(false);
  });
  if (options.open) setOpen(true);
})();
