// Engagera's only script besides htmx: keeps focus sensible after a card is swapped.
document.addEventListener("htmx:afterSwap", function (event) {
  var card = event.detail.target;
  if (card && card.classList && card.classList.contains("item-card")) {
    var fresh = document.getElementById(card.id);
    var button = fresh && fresh.querySelector(".logged button, .log-button");
    if (button) { button.focus(); }
  }
});
