// The event form: a month picker for an event known only to the month; no end date or times
// for one known only to the month or the week. Without this script every field stays shown.
document.addEventListener("DOMContentLoaded", () => {
  const precision = document.getElementById("id_date_precision");
  if (!precision) return;
  const wrapper = (id) => document.getElementById(id)?.closest("div[class*='col']");
  const month = wrapper("id_starts_month");
  const day = wrapper("id_starts_on");
  const exactOnly = ["id_ends_on", "id_start_time", "id_end_time"].map(wrapper);
  const update = () => {
    const value = precision.value || "day";
    if (month) month.hidden = value !== "month";
    if (day) day.hidden = value === "month";
    exactOnly.forEach((element) => { if (element) element.hidden = value !== "day"; });
  };
  precision.addEventListener("change", update);
  update();
});
