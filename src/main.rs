fn main() {
    openim_admin::mount();
}
