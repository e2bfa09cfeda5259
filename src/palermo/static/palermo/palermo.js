// Palermo's small behaviours. No inline scripts: the Content-Security-Policy forbids them.
document.addEventListener("DOMContentLoaded", () => {
  // Open the tab named in the address (#pane-observations), so links and redirects land on it.
  const showTabFor = (hash) => {
    const button = hash && document.querySelector(`[data-bs-toggle="tab"][data-bs-target="${hash}"]`);
    if (button && window.bootstrap) window.bootstrap.Tab.getOrCreateInstance(button).show();
  };
  showTabFor(window.location.hash);
  document.querySelectorAll('[data-bs-toggle="tab"]').forEach((button) => {
    button.addEventListener("shown.bs.tab", () => {
      history.replaceState(null, "", button.dataset.bsTarget);
    });
  });
});
