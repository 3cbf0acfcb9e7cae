/*
 * Autosave keeps what is typed while it is saving (the page editor; home/wagtail_hooks.py).
 *
 * Upstream gap (Wagtail 8.0.1, also on its main branch in August 2026): the autosave
 * controller (w-autosave) reads the form when it decides to save, waits, sends it, and on
 * success tells the unsaved-changes controller (w-unsaved) to clear, which takes the form *as
 * it is now* as the saved state. What was typed between the reading and the answer (the
 * first words of a paragraph added just after the title, while the first autosave creates
 * the page and the editor view is loaded) counts as saved although it was never sent: no
 * further autosave comes, leaving the page asks nothing, and the text is lost.
 *
 * Here the saved state becomes what was sent (with the server's field updates applied, as
 * the autosave controller applies them to the form), so any later edit is seen as unsaved and
 * autosaved in turn. Also shown: the notice a continued draft's first autosave brings
 * (home/new_page_slugs.py). Delete the first part when Wagtail's clear after an autosave keeps
 * edits made during it; tests/browser/test_new_page_autosave.py shows whether it does.
 */
(() => {
  const sent = new WeakMap();

  const unsavedController = (form) =>
    window.wagtail?.app?.getControllerForElementAndIdentifier(form, 'w-unsaved');

  // Dispatched by w-autosave right after it has read the form it will send.
  document.addEventListener('w-autosave:save', (event) => {
    const controller = unsavedController(event.target);
    if (controller) sent.set(event.target, controller.formData);
  });

  // Runs after w-unsaved#clear (bound on the form itself, so called first).
  document.addEventListener('w-autosave:success', (event) => {
    const form = event.target;
    const controller = unsavedController(form);
    const sentData = sent.get(form);
    const response = event.detail?.response || {};
    if (controller && sentData !== undefined) {
      const saved = new URLSearchParams(sentData);
      Object.entries(response.field_updates || {}).forEach(([name, value]) => {
        if (saved.has(name)) saved.set(name, value);
      });
      const savedData = saved.toString();
      if (controller.formData !== savedData) {
        // The next check of w-unsaved sees edits again, warns on leaving and autosaves.
        controller.initialFormData = savedData;
      }
    }
    if (response.new_page_notice) showNotice(response.new_page_notice);
  });

  function showNotice({ type, text, link_url: url, link_text: linkText }) {
    document.dispatchEvent(new CustomEvent('w-messages:add', { detail: { type, text } }));
    const added = document.querySelector('.messages [data-w-messages-target="container"]')
      ?.lastElementChild;
    if (!added || !url) return;
    const link = document.createElement('a');
    link.href = url;
    link.className = 'button button-small button-secondary w-ml-2.5';
    link.textContent = linkText;
    added.append(' ', link);
  }
})();
