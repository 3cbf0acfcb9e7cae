/*
 * Names at the top of the page editor each field with an error on another tab
 * (home/wagtail_hooks.py).
 *
 * Wagtail marks a tab holding errors only with a small count on its label, and its message
 * says no more than "The page could not be saved due to validation errors": an error on the
 * Promote or Settings tab went unseen by editors who stay on the first tab. Each such error
 * is listed under that message: the field (a link that opens its tab, through Wagtail's
 * focus controller), the tab and the error. A field that a message already links to (the
 * taken address, home/new_page_slugs.py) is not listed again.
 */
(() => {
  function summarise() {
    const form = document.querySelector('form[data-edit-form]');
    // The last error message is Wagtail's "could not be saved due to validation errors".
    const message = [...document.querySelectorAll('.messages li.error')].pop();
    const stringsElement = document.getElementById('editor-strings');
    if (!form || !message || !stringsElement) return;
    const strings = JSON.parse(stringsElement.textContent);
    const panels = [...form.querySelectorAll('[role="tabpanel"]')];
    const linked = new Set(
      [...document.querySelectorAll('.messages a[href^="#"]')].map((a) => a.getAttribute('href')),
    );
    const items = [];
    // The first tab is the one shown when the form comes back with its errors.
    panels.slice(1).forEach((panel) => {
      const tab = document.getElementById(panel.getAttribute('aria-labelledby'));
      const tabName = tab ? textWithout(tab, '.w-tabs__errors') : '';
      panel.querySelectorAll('.error-message').forEach((error) => {
        const label = fieldLabel(error);
        const target = label?.htmlFor ? `#${label.htmlFor}` : null;
        if (target && linked.has(target)) return;
        items.push(item(strings.error_on_tab, {
          field: label ? textWithout(label, '.w-required-mark') : '',
          tab: tabName,
          error: error.textContent.trim(),
        }, target));
      });
    });
    if (!items.length) return;
    const list = document.createElement('ul');
    list.className = 'errors-on-other-tabs';
    list.append(...items);
    const heading = document.createElement('p');
    heading.textContent = strings.errors_on_other_tabs;
    message.append(heading, list);
  }

  // The label of the field an error belongs to: beside it in a group of fields, or in the
  // heading of the panel of a field that stands alone on its tab (the slug on Promote).
  function fieldLabel(error) {
    const input = error
      .closest('[data-field-wrapper]')
      ?.querySelector('input[id], select[id], textarea[id]');
    if (input) {
      const label = document.querySelector(`label[for="${input.id}"]`);
      if (label) return label;
    }
    return error.closest('.w-panel__wrapper')?.querySelector('label.w-field__label');
  }

  function textWithout(element, selector) {
    const copy = element.cloneNode(true);
    copy.querySelectorAll(selector).forEach((child) => child.remove());
    return copy.textContent.replace(/\s+/g, ' ').trim();
  }

  // One list item from a translated pattern such as "{field}, on the {tab} tab: {error}".
  function item(pattern, values, target) {
    const li = document.createElement('li');
    pattern.split(/(\{field\}|\{tab\}|\{error\})/).forEach((part) => {
      const name = part.slice(1, -1);
      if (name === 'field' && target) {
        const link = document.createElement('a');
        link.href = target;
        link.textContent = values.field;
        link.setAttribute('data-controller', 'w-focus');
        link.setAttribute('data-action', 'click->w-focus#focus:prevent');
        link.style.color = 'inherit'; // legible on the message's red
        link.style.textDecoration = 'underline';
        li.append(link);
      } else if (part.startsWith('{') && name in values) {
        li.append(values[name]);
      } else {
        li.append(part);
      }
    });
    return li;
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', summarise);
  } else {
    summarise();
  }
})();
