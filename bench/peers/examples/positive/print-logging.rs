pub fn save(item: &Item) {
    println!("saving {item:?}");
    print!("...");
    dbg!(&item.id);
}
