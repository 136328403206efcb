scenario "wide text" {
  run {
	let name = "日本語 🎉 naïve"	// tabs, wide and combining characters
		expect name == 名前 and 🎉
  }
}
