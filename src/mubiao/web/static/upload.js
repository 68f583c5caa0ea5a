// The upload form's file button: show the chosen file's name next to the Chinese label that stands for the hidden input.
(function () {
  var input = document.getElementById("upload-file");
  var name = document.getElementById("file-name");
  if (!input || !name) return;
  function show() {
    name.textContent = input.files && input.files.length ? input.files[0].name : "未选择文件";
  }
  input.addEventListener("change", show);
  show();  // a form shown again after an error keeps no file: say so
})();
