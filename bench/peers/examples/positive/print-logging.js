function sendMagicLink(link) {
  console.log("magic link", link);
}
