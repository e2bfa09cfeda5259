"""Reports' writes: requesting and generating, recovering abandoned ones, publishing, files."""
